package multiprocessing4j.pool;

import java.io.IOException;
import multiprocessing4j.BufferTooShort;
import multiprocessing4j.connection.Connection;

/**
 * Receives a connection's frames into one buffer, reused from frame to frame, for the same
 * reason as {@link ValueCodec.Writer}: a map's chunks would otherwise each allocate their frame.
 * A frame is valid until the next {@link #receive}.
 */
final class FrameInbox {
    /** A buffer is not grown past this; a larger frame arrives in an array of its own. */
    private static final int RETAINED = 8 << 20;

    private byte[] buf = new byte[64 << 10];
    private byte[] frame;
    private int length;

    /** Receives the next frame; returns its length. */
    int receive(Connection c) throws IOException {
        try {
            length = c.recvBytesInto(buf);
            frame = buf;
        } catch (BufferTooShort tooShort) {
            frame = tooShort.message();
            length = frame.length;
            if (length <= RETAINED) buf = new byte[Math.max(length, Math.min(RETAINED, 2 * buf.length))];
        }
        return length;
    }

    /** The last frame received: {@code frame()[0, length)}. */
    byte[] frame() {
        return frame;
    }

    int length() {
        return length;
    }
}
