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

    /** Receives the next frame; returns its length (it is {@link #frame()}{@code [0, length)}). */
    int receive(Connection c) throws IOException {
        try {
            int length = c.recvBytesInto(buf);
            frame = buf;
            return length;
        } catch (BufferTooShort tooShort) {
            frame = tooShort.message();
            if (frame.length <= RETAINED) buf = new byte[Math.max(frame.length, Math.min(RETAINED, 2 * buf.length))];
            return frame.length;
        }
    }

    /** The array holding the last frame received. */
    byte[] frame() {
        return frame;
    }
}
