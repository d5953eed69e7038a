package dev.orderhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.mapping.ShopifySignature;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.ShopifyWebhooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint × every caller (no key, ingest, operator, erp, admin): 401 without a key where a key is needed, 403 for a
 * key without the role, neither when the role suffices. The endpoints are enumerated from Spring MVC, so a new one
 * without a rule in {@link #RULES} fails here.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Who may call an endpoint: anyone (it authenticates otherwise or not at all), or a key with the role. */
    enum Rule {
        OPEN,
        INGEST,
        OPERATOR,
        ERP,
        /** A console page: a signed-in session only, whatever API key a request carries (ConsoleSecurityIT signs in). */
        CONSOLE
    }

    /** The intended rule of every endpoint, written independently of the security configuration. */
    static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("POST /api/orders", Rule.INGEST),
            Map.entry("GET /api/orders", Rule.OPERATOR),
            Map.entry("GET /api/orders/{id}", Rule.OPERATOR),
            Map.entry("GET /api/orders/{id}/history", Rule.OPERATOR),
            Map.entry("POST /api/orders/{id}/approve", Rule.OPERATOR),
            Map.entry("POST /api/orders/{id}/reject", Rule.OPERATOR),
            Map.entry("POST /api/orders/{id}/cancel", Rule.OPERATOR),
            Map.entry("POST /api/orders/{id}/returns", Rule.OPERATOR),
            Map.entry("POST /api/orders/{id}/reships", Rule.OPERATOR),
            Map.entry("GET /api/return-orders", Rule.OPERATOR),
            Map.entry("GET /api/return-orders/{rma}", Rule.OPERATOR),
            Map.entry("POST /api/return-orders/{rma}/authorize", Rule.OPERATOR),
            Map.entry("POST /api/return-orders/{rma}/reject", Rule.OPERATOR),
            Map.entry("POST /api/return-orders/{rma}/cancel", Rule.OPERATOR),
            Map.entry("POST /api/return-orders/{rma}/receipts", Rule.OPERATOR),
            Map.entry("GET /api/credit-memos", Rule.OPERATOR),
            Map.entry("POST /api/orders/{id}/adjustments", Rule.OPERATOR),
            Map.entry("GET /api/credit-memos/{number}", Rule.OPERATOR),
            Map.entry("GET /api/accounts/{id}", Rule.OPERATOR),
            Map.entry("POST /api/accounts/{id}/payments", Rule.OPERATOR),
            Map.entry("POST /api/channels/shopify/orders", Rule.OPEN),
            Map.entry("POST /api/carriers/easypost/events", Rule.OPEN),
            Map.entry("POST /api/channels/sfcc/orders", Rule.INGEST),
            Map.entry("POST /api/channels/{channel}/orders", Rule.INGEST),
            Map.entry("POST /api/fulfillment-orders/{id}/shipments", Rule.OPERATOR),
            Map.entry("POST /api/erp/confirmations", Rule.ERP),
            Map.entry("GET /api/inventory/availability", Rule.OPERATOR),
            Map.entry("GET /api/process-exceptions", Rule.OPERATOR),
            Map.entry("GET /api/process-exceptions/{number}", Rule.OPERATOR),
            Map.entry("POST /api/process-exceptions/retry", Rule.OPERATOR),
            Map.entry("POST /api/process-exceptions/{number}/{action}", Rule.OPERATOR),
            Map.entry("GET /api/reports/{name}", Rule.OPERATOR),
            Map.entry("GET /api/invoices/{number}.pdf", Rule.OPERATOR),
            Map.entry("GET /api/credit-memos/{number}.pdf", Rule.OPERATOR),
            Map.entry("GET /v3/api-docs", Rule.OPEN),
            Map.entry("GET /v3/api-docs.yaml", Rule.OPEN),
            Map.entry("GET /v3/api-docs/swagger-config", Rule.OPEN),
            Map.entry("GET /swagger-ui.html", Rule.OPEN),
            Map.entry("GET /error", Rule.OPERATOR),
            Map.entry("GET /actuator/health", Rule.OPEN),
            Map.entry("GET /actuator/health/liveness", Rule.OPEN),
            Map.entry("GET /actuator/prometheus", Rule.OPERATOR),
            Map.entry("GET /actuator/info", Rule.OPERATOR));

    /** Callers by the key they present; null is no key. */
    private static final Map<String, String> CALLERS = Map.of(
            "none",
            "",
            "ingest",
            HubTestContext.INGEST_KEY,
            "operator",
            HubTestContext.OPERATOR_KEY,
            "admin",
            HubTestContext.ADMIN_KEY,
            "erp",
            HubTestContext.ERP_KEY);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Stream<Arguments> endpointsAndCallers() {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            String method = info.getMethodsCondition().getMethods().stream()
                    .findFirst()
                    .map(Enum::name)
                    .orElse("GET");
            boolean xml = info.getConsumesCondition().getConsumableMediaTypes().contains(MediaType.APPLICATION_XML);
            info.getPatternValues().forEach(pattern -> endpoints.add(new Endpoint(method, pattern, xml)));
        });
        Stream.of("/actuator/health", "/actuator/health/liveness", "/actuator/prometheus", "/actuator/info")
                .forEach(path -> endpoints.add(new Endpoint("GET", path, false)));
        return endpoints.stream()
                .distinct()
                .flatMap(endpoint -> CALLERS.keySet().stream()
                        .sorted()
                        .map(caller -> Arguments.of(endpoint.method() + " " + endpoint.pattern(), caller, endpoint)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("endpointsAndCallers")
    void everyEndpointAnswersEachRoleByItsRule(String endpointName, String caller, Endpoint endpoint) {
        Rule rule = endpointName.equals("GET /console/sign-in")
                ? Rule.OPEN
                : endpointName.contains(" /console") ? Rule.CONSOLE : RULES.get(endpointName);
        assertThat(rule)
                .as("no rule for %s: add it to RULES and to SecurityConfiguration", endpointName)
                .isNotNull();

        HttpResponse<String> response = send(endpoint, CALLERS.get(caller));

        int status = response.statusCode();
        String description = endpointName + " as " + caller + " answered " + status + " " + response.body();
        if (rule == Rule.CONSOLE) {
            if (endpoint.method().equals("GET")) {
                assertThat(status).as(description).isEqualTo(302);
                assertThat(response.headers().firstValue("Location"))
                        .hasValueSatisfying(to -> assertThat(to).endsWith("/console/sign-in"));
            } else {
                assertThat(status)
                        .as(description + " (no session, no CSRF token)")
                        .isEqualTo(403);
            }
            return;
        }
        if (allowed(rule, caller)) {
            assertThat(status).as(description).isNotIn(401, 403);
        } else if (caller.equals("none")) {
            assertThat(status).as(description).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).path("detail").asString())
                    .isEqualTo("a valid API key is required in the X-Api-Key header");
        } else {
            assertThat(status).as(description).isEqualTo(403);
            assertThat(JSON.readTree(response.body()).path("detail").asString())
                    .isEqualTo("this API key lacks the role " + rule.name().toLowerCase());
        }
        if (status == 401 || status == 403) {
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    private static boolean allowed(Rule rule, String caller) {
        return switch (rule) {
            case OPEN -> true;
            case INGEST -> caller.equals("ingest") || caller.equals("admin");
            case OPERATOR -> caller.equals("operator") || caller.equals("admin");
            case ERP -> caller.equals("erp") || caller.equals("admin");
            case CONSOLE -> false;
        };
    }

    /** One request with made-up path values, filtered to nothing (a bulk retry must not touch other tests' data). */
    private HttpResponse<String> send(Endpoint endpoint, String key) {
        String path = endpoint.pattern()
                .replace("{channel}", "no-such-channel")
                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path + "?orderId=" + UUID.randomUUID()))
                .timeout(Duration.ofSeconds(30));
        if (!key.isEmpty()) {
            request.header("X-Api-Key", key);
        }
        if (endpoint.method().equals("POST")) {
            String body = endpoint.xml() ? "<orders/>" : "{}";
            request.header("Content-Type", endpoint.xml() ? "application/xml" : "application/json")
                    .header(
                            ShopifySignature.HEADER,
                            ShopifyWebhooks.sign(body.getBytes(StandardCharsets.UTF_8), HubTestContext.SHOPIFY_SECRET))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Endpoint(String method, String pattern, boolean xml) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }
}
