package multiprocessing4j.reduction;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 as pickle uses it: CPython encodes {@code str} with the {@code surrogatepass} error
 * handler, so a lone surrogate ({@code '\ud800'}) travels as the 3-byte form {@code ED A0 80}.
 * The JDK codecs replace it with {@code ?} / U+FFFD, so this class handles exactly that case and
 * leaves everything else to the JDK's fast paths.
 */
final class Utf8 {
    private Utf8() {}

    /** Decodes strictly (malformed input is an {@link UnpicklingError}), passing surrogates through. */
    static String decode(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && b[i] >= 0) i++;
        if (i == end) return new String(b, off, len, StandardCharsets.ISO_8859_1);
        char[] out = new char[len];
        int n = 0;
        for (int j = off; j < i; j++) out[n++] = (char) b[j];
        while (i < end) {
            int c = b[i++] & 0xff;
            if (c < 0x80) {
                out[n++] = (char) c;
            } else if (c >= 0xc2 && c < 0xe0) {
                out[n++] = (char) (((c & 0x1f) << 6) | cont(b, i++, end));
            } else if (c >= 0xe0 && c < 0xf0) {
                int cp = ((c & 0x0f) << 12) | (cont(b, i, end) << 6) | cont(b, i + 1, end);
                i += 2;
                if (cp < 0x800) throw malformed(i);
                out[n++] = (char) cp;
            } else if (c >= 0xf0 && c < 0xf5) {
                int cp = ((c & 0x07) << 18) | (cont(b, i, end) << 12) | (cont(b, i + 1, end) << 6)
                        | cont(b, i + 2, end);
                i += 3;
                if (cp < 0x10000 || cp > 0x10ffff) throw malformed(i);
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
            } else {
                throw malformed(i);
            }
        }
        return new String(out, 0, n);
    }

    private static int cont(byte[] b, int i, int end) {
        if (i >= end || (b[i] & 0xc0) != 0x80) throw malformed(i);
        return b[i] & 0x3f;
    }

    private static UnpicklingError malformed(int at) {
        return new UnpicklingError("malformed UTF-8 in a str near byte " + at);
    }

    /** Encodes {@code s}, writing a lone surrogate as its own 3-byte sequence. */
    static byte[] encode(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return encodeWithLoneSurrogates(s);
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encodeWithLoneSurrogates(String s) {
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            int cp = s.charAt(i);
            if (Character.isHighSurrogate((char) cp) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint((char) cp, s.charAt(++i));
            }
            if (cp < 0x80) {
                out[n++] = (byte) cp;
            } else if (cp < 0x800) {
                out[n++] = (byte) (0xc0 | cp >> 6);
                out[n++] = (byte) (0x80 | cp & 0x3f);
            } else if (cp < 0x10000) {
                out[n++] = (byte) (0xe0 | cp >> 12);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                out[n++] = (byte) (0x80 | cp & 0x3f);
            } else {
                out[n++] = (byte) (0xf0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                out[n++] = (byte) (0x80 | cp & 0x3f);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
