package dev.orderhub.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WireMock server per test run shaped after Stripe's API: POST /v1/payment_intents (manual capture, confirmed:
 * requires_capture), /v1/payment_intents/{id}/capture, /v1/payment_intents/{id}/cancel and /v1/refunds, with form
 * bodies. Like Stripe it answers a key's first result again for the same Idempotency-Key (one effect a key), and
 * refuses to capture an intent twice (400 payment_intent_unexpected_state, the intent in the error). Tests add
 * their own stubs of higher priority (errors, delays, scenarios) for their order.
 */
public final class StripeMock {
    public static final String API_KEY = "sk_test_orderhub";
    private static WireMockServer server;

    private StripeMock() {}

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(
                    WireMockConfiguration.options().dynamicPort().extensions(new Ledger()));
            server.start();
            defaults(server);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String baseUrl() {
        return "http://localhost:" + server().port();
    }

    /** The answers of an idempotent Stripe: priority 10, below every test's own stubs. */
    static void defaults(WireMockServer wireMock) {
        wireMock.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .atPriority(10)
                .willReturn(aResponse().withTransformers(Ledger.NAME)));
        wireMock.stubFor(post(urlPathMatching("/v1/payment_intents/[^/]+/(capture|cancel)"))
                .atPriority(10)
                .willReturn(aResponse().withTransformers(Ledger.NAME)));
        wireMock.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .atPriority(10)
                .willReturn(aResponse().withTransformers(Ledger.NAME)));
    }

    public static Map<String, String> form(Request request) {
        Map<String, String> form = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body == null || body.isBlank()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    /** Stripe's effects: a result per idempotency key, intents by id. */
    static final class Ledger implements ResponseDefinitionTransformerV2 {
        static final String NAME = "stripe-ledger";
        private static final JsonMapper JSON = JsonMapper.builder().build();
        private final Map<String, ResponseDefinition> byKey = new ConcurrentHashMap<>();
        private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String key = request.getHeader("Idempotency-Key");
            if (key == null) {
                return error(400, "invalid_request_error", "idempotency_key_missing", null);
            }
            // Stripe reads a query string as parameters too, and refuses those it does not know
            if (request.getUrl().contains("?")) {
                return error(400, "invalid_request_error", "parameter_unknown", null);
            }
            ResponseDefinition answer = byKey.computeIfAbsent(key, k -> act(request, k));
            Integer delay = event.getResponseDefinition().getFixedDelayMilliseconds();
            // a stub's delay: Stripe acted, its answer comes late
            return delay == null
                    ? answer
                    : ResponseDefinitionBuilder.like(answer)
                            .withFixedDelay(delay)
                            .build();
        }

        private synchronized ResponseDefinition act(Request request, String key) {
            Map<String, String> form = form(request);
            String path = request.getUrl().replaceFirst("\\?.*", "");
            String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8))
                    .toString()
                    .replace("-", "");
            if (path.equals("/v1/payment_intents")) {
                ObjectNode intent = JSON.createObjectNode()
                        .put("id", "pi_" + id)
                        .put("object", "payment_intent")
                        .put("amount", Long.parseLong(form.get("amount")))
                        .put("amount_capturable", 0)
                        .put("amount_received", 0)
                        .put("currency", form.get("currency"))
                        .put("capture_method", form.getOrDefault("capture_method", "automatic"))
                        .put("customer", form.get("customer"))
                        .put("payment_method", "pm_" + id)
                        .put("status", "manual".equals(form.get("capture_method")) ? "requires_capture" : "succeeded");
                intent.put(
                        "manual".equals(form.get("capture_method")) ? "amount_capturable" : "amount_received",
                        Long.parseLong(form.get("amount")));
                ObjectNode metadata = intent.putObject("metadata");
                form.forEach((field, value) -> {
                    if (field.startsWith("metadata[")) {
                        metadata.put(field.substring(9, field.length() - 1), value);
                    }
                });
                intents.put(intent.path("id").asString(), intent);
                return ok(intent);
            }
            if (path.equals("/v1/refunds")) {
                return ok(JSON.createObjectNode()
                        .put("id", "re_" + id)
                        .put("object", "refund")
                        .put("amount", Long.parseLong(form.get("amount")))
                        .put("payment_intent", form.get("payment_intent"))
                        .put("status", "succeeded"));
            }
            String[] parts = path.split("/");
            ObjectNode intent = intents.get(parts[3]);
            if (intent == null) {
                return error(404, "invalid_request_error", "resource_missing", null);
            }
            if (!intent.path("status").asString().equals("requires_capture")) {
                return error(400, "invalid_request_error", "payment_intent_unexpected_state", intent);
            }
            if (parts[4].equals("capture")) {
                long amount = Long.parseLong(form.getOrDefault(
                        "amount_to_capture", intent.path("amount_capturable").asString()));
                intent.put("amount_received", amount)
                        .put("amount_capturable", 0)
                        .put("status", "succeeded");
            } else {
                intent.put("amount_capturable", 0)
                        .put("status", "canceled")
                        .put("cancellation_reason", form.get("cancellation_reason"));
            }
            return ok(intent.deepCopy());
        }

        private static ResponseDefinition ok(ObjectNode body) {
            return json(200, body);
        }

        private static ResponseDefinition json(int status, ObjectNode body) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", "req_" + UUID.randomUUID())
                    .withBody(body.toString())
                    .build();
        }

        static ResponseDefinition error(int status, String type, String code, ObjectNode intent) {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode error =
                    body.putObject("error").put("type", type).put("code", code).put("message", "Stripe mock: " + code);
            if (intent != null) {
                error.set("payment_intent", intent.deepCopy());
            }
            return json(status, body);
        }
    }
}
