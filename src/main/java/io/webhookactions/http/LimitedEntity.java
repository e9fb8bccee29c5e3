package io.webhookactions.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * A response entity that stops at the byte limit. Past the limit (or after the deadline fired) it aborts
 * the connection instead of letting close() drain the rest of a huge or endless body.
 */
final class LimitedEntity extends HttpEntityWrapper {

    private final CallLimits limits;
    private final Runnable abort;

    LimitedEntity(HttpEntity wrapped, CallLimits limits, Runnable abort) {
        super(wrapped);
        this.limits = limits;
        this.abort = abort;
    }

    @Override
    public InputStream getContent() throws IOException {
        return new Limited(super.getContent());
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = getContent()) {
            in.transferTo(out);
        }
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (!limits.tooLarge && !limits.timedOut) {
            super.close();
        }
    }

    private final class Limited extends FilterInputStream {
        private long count;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws IOException {
            count += n;
            if (count > limits.maxResponseBytes) {
                limits.tooLarge = true;
                abort.run();
                throw new CallGuard.ResponseTooLargeException(limits.maxResponseBytes);
            }
        }

        @Override
        public void close() throws IOException {
            if (limits.tooLarge || limits.timedOut) {
                abort.run();
            } else {
                super.close();
            }
        }
    }
}
