package dev.orderhub.edi;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The text being read, re-encoded as UTF-8 bytes for StAEDI (so that its character offsets index into the text), of
 * which only a window is kept: from the last offset released to what StAEDI has read so far. A leading byte order
 * mark is dropped, as it is no part of the interchange.
 */
final class X12Text extends InputStream {
    private static final int CHUNK = 8192;

    private final Reader source;
    private final StringBuilder window = new StringBuilder();
    /** The text offset of the window's first character. */
    private long windowStart;

    private byte[] pending = new byte[0];
    private int pendingAt;
    private boolean started;
    private Exception failure;

    X12Text(Reader source) {
        this.source = source;
    }

    /** The number of characters read so far. */
    long length() {
        return windowStart + window.length();
    }

    /** The text between two offsets, both within the window. */
    String substring(long from, long to) {
        return window.substring((int) (from - windowStart), (int) (to - windowStart));
    }

    /** Forgets the text before this offset: no substring starts before it any more. */
    void release(long offset) {
        int drop = (int) (Math.min(offset, length()) - windowStart);
        if (drop > 0) {
            window.delete(0, drop);
            windowStart += drop;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (pendingAt == pending.length) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, pending.length - pendingAt);
        System.arraycopy(pending, pendingAt, buffer, offset, n);
        pendingAt += n;
        return n;
    }

    /** Throws what reading the source threw, if it did (StAEDI may have wrapped it). */
    void rethrowFailure() {
        if (failure instanceof IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        if (failure instanceof RuntimeException failed) {
            throw failed;
        }
    }

    private boolean fill() throws IOException {
        try {
            return fillFromSource();
        } catch (IOException | RuntimeException failed) {
            failure = failed;
            throw failed;
        }
    }

    private boolean fillFromSource() throws IOException {
        char[] chars = new char[CHUNK + 1];
        int n = source.read(chars, 0, CHUNK);
        if (n < 0) {
            return false;
        }
        if (n > 0 && Character.isHighSurrogate(chars[n - 1])) {
            int low = source.read(); // a pair is never split between two chunks
            if (low >= 0) {
                chars[n++] = (char) low;
            }
        }
        int from = 0;
        if (!started) {
            started = true;
            from = n > 0 && chars[0] == '\uFEFF' ? 1 : 0;
        }
        String text = new String(chars, from, n - from);
        window.append(text);
        pending = text.getBytes(StandardCharsets.UTF_8);
        pendingAt = 0;
        return true;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
