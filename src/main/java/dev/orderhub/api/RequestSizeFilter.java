package dev.orderhub.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over {@code orderhub.http.max-body-size} with 413 before it is read whole: at once when its
 * Content-Length says so, or as soon as a chunked body passes the limit. In that case whatever the handler answered
 * to the failed read is dropped and the 413 is the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeFilter extends OncePerRequestFilter {
    private final long limit;

    RequestSizeFilter(@Value("${orderhub.http.max-body-size:10MB}") DataSize maxBodySize) {
        this.limit = maxBodySize.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            refuse(request, response);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, limit);
        DroppableResponse answer = new DroppableResponse(response, limited);
        try {
            chain.doFilter(limited, answer);
        } catch (ServletException | IOException | RuntimeException failed) {
            if (!limited.exceeded) {
                throw failed;
            }
        }
        if (limited.exceeded && !response.isCommitted()) {
            response.reset();
            refuse(request, response);
        }
    }

    /** The 413 problem, its title in the request's language. */
    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the rest of the body is not read: the connection closes after the answer
        response.setHeader("Connection", "close");
        Problems.write(
                request,
                response,
                HttpStatus.CONTENT_TOO_LARGE,
                "the request body is larger than " + limit + " bytes (orderhub.http.max-body-size)");
    }

    /** Fails the read that passes the limit, and remembers it. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;
        private volatile boolean exceeded;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream());
            }
            return stream;
        }

        private final class LimitedStream extends ServletInputStream {
            private final ServletInputStream in;
            private long read;

            LimitedStream(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) throws IOException {
                read += n;
                if (read > limit) {
                    exceeded = true;
                    throw new IOException("the request body is larger than " + limit + " bytes");
                }
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }

    /** Passes the handler's answer through until the body is found too large; from then on drops it. */
    private static final class DroppableResponse extends HttpServletResponseWrapper {
        private final LimitedRequest request;

        DroppableResponse(HttpServletResponse response, LimitedRequest request) {
            super(response);
            this.request = request;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            ServletOutputStream out = super.getOutputStream();
            return new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    if (!request.exceeded) {
                        out.write(b);
                    }
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (!request.exceeded) {
                        out.write(bytes, offset, length);
                    }
                }

                @Override
                public void flush() throws IOException {
                    if (!request.exceeded) {
                        out.flush();
                    }
                }

                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    out.setWriteListener(listener);
                }
            };
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return request.exceeded ? new PrintWriter(OutputStream.nullOutputStream()) : super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!request.exceeded) {
                super.flushBuffer();
            }
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (!request.exceeded) {
                super.sendError(status, message);
            }
        }

        @Override
        public void sendError(int status) throws IOException {
            if (!request.exceeded) {
                super.sendError(status);
            }
        }
    }
}
