package dev.orderhub.tax;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AvaTax REST v2 as the tests meet it, on one WireMock server per test run: {@code POST /api/v2/transactions/create}
 * answers 201 with a TransactionModel whose lines carry their jurisdictions' details (Texas 6.25 %, plus Austin 2 %
 * for a ship-to ZIP 787xx), a committed SalesInvoice is kept in a ledger by code and created again is refused with
 * 400 {@code TransactionAlreadyExists}, as AvaTax does; {@code POST .../transactions/{code}/void} voids a recorded
 * one (404 {@code EntityNotFoundError} otherwise). Requests without the test account's Basic credentials get 401.
 * Tests add faults of their own with stubs of a higher priority.
 */
public final class FakeAvaTax implements ResponseDefinitionTransformerV2 {
    public static final String ACCOUNT_ID = "1100012345";
    public static final String LICENSE_KEY = "test-license-key";
    public static final String COMPANY_CODE = "ORDERHUB";
    static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString((ACCOUNT_ID + ":" + LICENSE_KEY).getBytes(StandardCharsets.UTF_8));

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final BigDecimal TEXAS = new BigDecimal("0.0625");
    private static final BigDecimal AUSTIN = new BigDecimal("0.02");
    private static WireMockServer server;

    /** Committed SalesInvoices by code, and the codes voided. */
    private final Map<String, JsonNode> committed = new ConcurrentHashMap<>();

    private final List<String> voided = new CopyOnWriteArrayList<>();

    private static FakeAvaTax fake;

    /** The one server of this test run, started on first use with the default stubs. */
    public static synchronized WireMockServer server() {
        if (server == null) {
            fake = new FakeAvaTax();
            server = new WireMockServer(options().dynamicPort().extensions(fake));
            server.start();
            defaults();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static FakeAvaTax fake() {
        server();
        return fake;
    }

    /** Drops every stub a test added and restores the default ones. */
    static void defaults() {
        server.resetMappings();
        server.stubFor(post(urlPathEqualTo("/api/v2/transactions/create"))
                .atPriority(10)
                .willReturn(aResponse().withTransformers("avatax")));
        server.stubFor(post(urlPathMatching("/api/v2/companies/[^/]+/transactions/[^/]+/void"))
                .atPriority(10)
                .willReturn(aResponse().withTransformers("avatax")));
    }

    List<String> voided() {
        return List.copyOf(voided);
    }

    public boolean isCommitted(String code) {
        return committed.containsKey(code);
    }

    @Override
    public String getName() {
        return "avatax";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        // a test's delay on the stub stays on the answer made here
        return ResponseDefinitionBuilder.like(answer(event))
                .withFixedDelay(event.getResponseDefinition().getFixedDelayMilliseconds())
                .build();
    }

    private ResponseDefinition answer(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        if (!AUTHORIZATION.equals(request.getHeader("Authorization"))) {
            return error(401, "AuthenticationException", "Authentication failed.");
        }
        String url = request.getUrl();
        if (url.contains("?")) {
            return error(400, "ModelStateInvalid", "Unknown query parameters: " + url);
        }
        if (url.endsWith("/void")) {
            String[] path = url.split("/");
            String code = path[path.length - 2];
            if (!committed.containsKey(code) || !path[4].equals(COMPANY_CODE)) {
                return error(404, "EntityNotFoundError", "Document with code '" + code + "' not found.");
            }
            if (!"DocVoided"
                    .equals(JSON.readTree(request.getBodyAsString())
                            .path("code")
                            .asString())) {
                return error(400, "ModelStateInvalid", "Field 'code' has an invalid value.");
            }
            voided.add(code);
            ObjectNode model = ((ObjectNode) committed.get(code)).deepCopy().put("status", "Cancelled");
            return json(200, JSON.writeValueAsString(model));
        }
        JsonNode create = JSON.readTree(request.getBodyAsString());
        String code = create.path("code").asString();
        if (!create.path("type").isString()
                || code.isBlank()
                || !create.path("lines").isArray()) {
            return error(400, "ModelStateInvalid", "type, code and lines are required.");
        }
        boolean commit = create.path("commit").asBoolean(false);
        ObjectNode model = transaction(create, commit);
        // one transaction per code, however close two requests come (AvaTax's own uniqueness)
        boolean exists = "SalesInvoice".equals(create.path("type").asString())
                && (commit ? committed.putIfAbsent(code, model) != null : committed.containsKey(code));
        if (exists) {
            return error(400, "TransactionAlreadyExists", "A transaction with this code and type already exists.");
        }
        return json(201, JSON.writeValueAsString(model));
    }

    private static ObjectNode transaction(JsonNode create, boolean commit) {
        ObjectNode model = JSON.createObjectNode();
        model.put("id", Math.abs((long) create.path("code").asString().hashCode()));
        model.put("code", create.path("code").asString());
        model.put("companyId", 7);
        model.put("date", create.path("date").asString());
        model.put("status", commit ? "Committed" : "Temporary");
        model.put("type", create.path("type").asString());
        model.put("currencyCode", create.path("currencyCode").asString());
        ArrayNode lines = model.putArray("lines");
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal totalTax = BigDecimal.ZERO;
        for (JsonNode line : create.path("lines")) {
            BigDecimal amount = line.path("amount").decimalValue();
            JsonNode shipTo = line.path("addresses").path("shipTo");
            ObjectNode out = lines.addObject();
            out.put("lineNumber", line.path("number").asString());
            out.put("itemCode", line.path("itemCode").asString());
            out.put("quantity", line.path("quantity").asInt());
            out.put("lineAmount", amount);
            out.put("taxCode", line.path("taxCode").asString());
            ArrayNode details = out.putArray("details");
            BigDecimal lineTax = BigDecimal.ZERO;
            if ("TX".equals(shipTo.path("region").asString())) {
                lineTax = lineTax.add(detail(details, "48", "TEXAS", "State", "TX STATE TAX", TEXAS, amount));
                if (shipTo.path("postalCode").asString("").startsWith("787")) {
                    lineTax = lineTax.add(detail(details, "05000", "AUSTIN", "City", "TX CITY TAX", AUSTIN, amount));
                }
            }
            if (line.path("taxOverride").path("type").asString("").equals("TaxAmount")) {
                lineTax = line.path("taxOverride").path("taxAmount").decimalValue();
            }
            out.put("tax", lineTax);
            out.put("taxCalculated", lineTax);
            total = total.add(amount);
            totalTax = totalTax.add(lineTax);
        }
        model.put("totalAmount", total);
        model.put("totalTax", totalTax);
        return model;
    }

    private static BigDecimal detail(
            ArrayNode details,
            String jurisCode,
            String name,
            String type,
            String taxName,
            BigDecimal rate,
            BigDecimal base) {
        BigDecimal tax = base.multiply(rate).setScale(2, RoundingMode.HALF_UP);
        details.addObject()
                .put("country", "US")
                .put("region", "TX")
                .put("jurisCode", jurisCode)
                .put("jurisName", name)
                .put("jurisType", type)
                .put("taxName", taxName)
                .put("rate", rate)
                .put("taxableAmount", base)
                .put("tax", tax)
                .put("taxCalculated", tax);
        return tax;
    }

    /** AvaTax's error body: {"error": {"code", "message", "target", "details": [...]}}. */
    static String errorBody(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code).put("message", message).put("target", "Unknown");
        error.putArray("details")
                .addObject()
                .put("code", code)
                .put("message", message)
                .put("faultCode", "Client")
                .put("helpLink", "http://developer.avalara.com/avatax/errors/" + code)
                .put("severity", "Error");
        return JSON.writeValueAsString(body);
    }

    private static ResponseDefinition error(int status, String code, String message) {
        return json(status, errorBody(code, message));
    }

    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body)
                .build();
    }
}
