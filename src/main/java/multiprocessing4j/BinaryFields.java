package multiprocessing4j;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The fields of this package's hand-written binary forms ({@link PreparationData},
 * {@link LambdaTarget}): a byte array is an int length and the bytes; a string is an int count
 * and that many UTF-16 chars, not UTF-8, so that a lone surrogate (which Java serialization
 * keeps, in a process name or a system property, say) arrives as it left. A reader checks every
 * count against what is left, so malformed data is an {@link IOException} naming {@code form},
 * never a huge allocation.
 */
final class BinaryFields {
    private BinaryFields() {}

    static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    static byte[] readBytes(DataInputStream in, String form) throws IOException {
        return in.readNBytes(readCount(in, Byte.BYTES, form));
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeInt(s.length());
        out.writeChars(s);
    }

    static String readString(DataInputStream in, String form) throws IOException {
        char[] chars = new char[readCount(in, Character.BYTES, form)];
        for (int i = 0; i < chars.length; i++) chars[i] = in.readChar();
        return new String(chars);
    }

    /** A count of items of {@code itemBytes} each that must all still be in {@code in}. */
    static int readCount(DataInputStream in, int itemBytes, String form) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available() / itemBytes) throw new IOException("bad " + form + ": a count of " + n);
        return n;
    }
}
