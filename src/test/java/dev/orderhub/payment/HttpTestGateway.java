package dev.orderhub.payment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small card gateway served over HTTP, outside the hub's process as far as the hub can tell: {@code POST
 * /v1/authorizations}, {@code /v1/captures}, {@code /v1/voids} and {@code /v1/refunds} with an {@code Idempotency-Key}
 * header. Like a real gateway it
 * acts once per key (the same key answers the stored result; the same key with another amount is refused, 409) and
 * keeps a ledger of its effects, and it counts every request it received per key. Its refunds can be made to fail
 * (503) for a while.
 */
final class HttpTestGateway implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One effect of the gateway: money authorised, captured, released or given back. */
    record Effect(String idempotencyKey, String kind, String orderId, BigDecimal amount, String reference) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Map<String, Effect> ledger = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile boolean refundsUnavailable;

    HttpTestGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/authorizations", exchange -> answer(exchange, "authorization"));
        server.createContext("/v1/captures", exchange -> answer(exchange, "capture"));
        server.createContext("/v1/voids", exchange -> answer(exchange, "void"));
        server.createContext("/v1/refunds", exchange -> answer(exchange, "refund"));
        server.setExecutor(threads);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange, String kind) throws IOException {
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (key == null) {
                send(exchange, 400, "{\"error\": \"Idempotency-Key required\"}");
                return;
            }
            requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (refundsUnavailable && kind.equals("refund")) {
                send(exchange, 503, "{\"error\": \"refunds are unavailable\"}");
                return;
            }
            BigDecimal amount = new BigDecimal(body.path("amount").asString());
            Effect effect = ledger.computeIfAbsent(
                    key,
                    k -> new Effect(
                            k,
                            kind,
                            body.path("orderId").asString(),
                            amount,
                            kind.substring(0, 4) + "_" + UUID.randomUUID()));
            if (!effect.kind().equals(kind) || effect.amount().compareTo(amount) != 0) {
                send(
                        exchange,
                        409,
                        JSON.createObjectNode()
                                .put(
                                        "error",
                                        "key " + key + " was used for " + effect.kind() + " of " + effect.amount())
                                .toString());
                return;
            }
            send(
                    exchange,
                    200,
                    JSON.createObjectNode().put("reference", effect.reference()).toString());
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The effects on one order: what moved money, once per key however often it was asked. */
    List<Effect> effectsOf(String orderId) {
        return ledger.values().stream().filter(e -> e.orderId().equals(orderId)).toList();
    }

    /** While true every refund is answered 503 (nothing refunded), as a gateway that is down. */
    void refundsUnavailable(boolean unavailable) {
        refundsUnavailable = unavailable;
    }

    /** How many requests arrived with this key. */
    int requestsWith(String idempotencyKey) {
        AtomicInteger count = requests.get(idempotencyKey);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
