package dev.orderhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A body over {@code orderhub.http.max-body-size} (10 MB by default) is refused with 413 problem+json before it is
 * read whole, whether its Content-Length announces it or it comes chunked; the Shopify webhook with no signature is
 * refused without its body being read. Plain sockets, so that the test decides how much of a body is sent.
 */
@HubTest
class RequestLimitsIT {
    private static final int LIMIT = 10 * 1024 * 1024;

    @LocalServerPort
    int port;

    @Test
    void aBodyAnnouncedOverTheLimitIsRefusedBeforeAnyOfItIsSent() throws IOException {
        String answer = exchange(
                "POST /api/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + "X-Api-Key: "
                        + HubTestContext.INGEST_KEY + "\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\n",
                null);
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer)
                .contains("application/problem+json")
                .contains("\"status\":413")
                .contains("orderhub.http.max-body-size");
    }

    @Test
    void theRefusalIsTitledInTheCallersLanguage() throws IOException {
        Map<String, String> titles = Map.of(
                "de", "Inhalt zu groß",
                "ja", "コンテンツが大きすぎます",
                "fr", "Contenu trop volumineux",
                "es", "Contenido demasiado grande",
                "en", "Content too large");
        for (Map.Entry<String, String> language : titles.entrySet()) {
            String answer = exchange(
                    "POST /api/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Accept-Language: " + language.getKey() + "\r\nX-Api-Key: " + HubTestContext.INGEST_KEY
                            + "\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\n",
                    null);
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).as(language.getKey()).contains("\"title\":\"" + language.getValue() + "\"");
        }
    }

    @Test
    void aChunkedBodyPastTheLimitIsRefused() throws IOException {
        String answer = exchange(
                "POST /api/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + "X-Api-Key: "
                        + HubTestContext.INGEST_KEY + "\r\nTransfer-Encoding: chunked\r\n\r\n",
                out -> {
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) ' ');
                    byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    for (int sent = 0; sent <= LIMIT + 1024 * 1024; sent += chunk.length) {
                        out.write(size);
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("application/problem+json").contains("\"status\":413");
    }

    @Test
    void anUnsignedShopifyWebhookIsRefusedWithoutReadingItsBody() throws IOException {
        // a body of 5 MB is announced and never sent: the answer comes all the same
        String answer = exchange(
                "POST /api/channels/shopify/orders HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + 5 * 1024 * 1024 + "\r\n\r\n",
                null);
        assertThat(answer).startsWith("HTTP/1.1 401");
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Sends the head (and the body, if any) and returns what the hub answers until it closes or ten seconds pass. */
    private String exchange(String head, Body body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                body.write(out);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            // read the head and the problem body, which is short; stop at the close, once the JSON is whole (or its
            // last chunk came), or when the hub, having answered, keeps the connection open for the unsent body
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    // decoded whole each time: a title's multi-byte character may span two reads
                    String text = answer.toString(StandardCharsets.UTF_8);
                    if (text.contains("\r\n\r\n") && (text.trim().endsWith("}") || text.endsWith("\r\n0\r\n\r\n"))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException stillOpen) {
                if (answer.size() == 0) {
                    throw stillOpen;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
