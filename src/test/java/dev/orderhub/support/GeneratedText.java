package dev.orderhub.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * A large file made as it is read, never held whole: a header, items 1..count, a trailer (UTF-8). It tells how far
 * it has been read and where each item ends, so that a test can show how far a reader reads ahead of what it has
 * handed over.
 */
public final class GeneratedText extends InputStream {
    private final IntFunction<String> item;
    private final int count;
    private final String trailer;
    private final long[] itemEnds;
    private byte[] current;
    private int at;
    private int next = 1;
    private long read;
    private long produced;
    private boolean trailed;

    public GeneratedText(String header, IntFunction<String> item, int count, String trailer) {
        this.item = item;
        this.count = count;
        this.trailer = trailer;
        this.itemEnds = new long[count + 1];
        this.current = header.getBytes(StandardCharsets.UTF_8);
        this.produced = current.length;
    }

    /** The bytes handed to the reader so far. */
    public long bytesRead() {
        return read;
    }

    /** The offset just past item {@code n} (1-based). */
    public long endOf(int n) {
        return itemEnds[n];
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (at == current.length) {
            if (next <= count) {
                current = item.apply(next).getBytes(StandardCharsets.UTF_8);
                produced += current.length;
                itemEnds[next++] = produced;
            } else if (!trailed) {
                current = trailer.getBytes(StandardCharsets.UTF_8);
                trailed = true;
            } else {
                return -1;
            }
            at = 0;
        }
        int n = Math.min(length, current.length - at);
        System.arraycopy(current, at, buffer, offset, n);
        at += n;
        read += n;
        return n;
    }
}
