package dev.orderhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description at /v3/api-docs: open without a key, a valid OpenAPI 3.1 document, every controller mapping
 * of the hub in it, and the role it states for each operation the one the role matrix tests.
 */
@HubTest
class OpenApiIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void descriptionAndSwaggerUiAnswerWithoutKey() {
        HttpResponse<String> docs = hub.get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(docs.body()).path("openapi").asString()).startsWith("3.1.");

        HttpResponse<String> redirect = hub.get("/swagger-ui.html", null);
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> ui = hub.get(location.replaceFirst("^https?://[^/]+", ""), null);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void everyControllerMappingIsDescribed() {
        JsonNode paths = document().path("paths");
        List<String> missing = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            String owner = handler.getBeanType().getPackageName();
            // the console's pages are HTML for a signed-in browser, not the REST API the description covers
            if (!owner.startsWith("dev.orderhub") || owner.startsWith("dev.orderhub.console")) {
                return;
            }
            info.getPatternValues()
                    .forEach(pattern -> info.getMethodsCondition().getMethods().forEach(method -> {
                        if (paths.path(pattern)
                                .path(method.name().toLowerCase())
                                .isMissingNode()) {
                            missing.add(method + " " + pattern);
                        }
                    }));
        });
        assertThat(missing).as("controller mappings missing from /v3/api-docs").isEmpty();
        assertThat(paths.properties()).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void descriptionIsValidOpenApi31() {
        String body = hub.get("/v3/api-docs", null).body();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(body, null, options);

        assertThat(result.getMessages()).as("validation messages").isEmpty();
        assertThat(result.getOpenAPI().getSpecVersion().name()).isEqualTo("V31");
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("apiKey");
    }

    @Test
    void componentSchemasAreValidJsonSchemas() {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        JsonNode components = document().path("components").path("schemas");
        assertThat(components.has("order")).isTrue();
        assertThat(components.has("order-summary")).isTrue();
        assertThat(components.has("order.money")).isTrue();
        components.properties().forEach(component -> {
            List<Error> errors = metaSchema.validate(component.getValue());
            assertThat(errors).as("component %s", component.getKey()).isEmpty();
        });
        List<String> refs = new ArrayList<>();
        collectRefs(document(), refs);
        assertThat(refs)
                .as("every $ref names a component")
                .allSatisfy(ref -> assertThat(components.has(ref.substring("#/components/schemas/".length())))
                        .as(ref)
                        .isTrue());
    }

    @Test
    void orderBodiesAreTheJsonSchemas() {
        JsonNode paths = document().path("paths");
        assertThat(paths.path("/api/orders")
                        .path("post")
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/order");
        assertThat(paths.path("/api/orders/{id}")
                        .path("get")
                        .path("responses")
                        .path("200")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/order-summary");
        JsonNode notFound =
                paths.path("/api/orders/{id}").path("get").path("responses").path("404");
        assertThat(notFound.path("content")
                        .path("application/problem+json")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Problem");
    }

    /** Each operation whose success status is not (only) 200, with every success status it answers. */
    private static final Map<String, Set<String>> SUCCESSES = Map.ofEntries(
            Map.entry("POST /api/orders", Set.of("202", "200")),
            Map.entry("POST /api/channels/{channel}/orders", Set.of("202", "200")),
            Map.entry("POST /api/channels/shopify/orders", Set.of("202", "200")),
            Map.entry("POST /api/channels/sfcc/orders", Set.of("202", "200")),
            Map.entry("POST /api/erp/confirmations", Set.of("202")),
            Map.entry("POST /api/process-exceptions/{number}/{action}", Set.of("200", "202")),
            Map.entry("POST /api/process-exceptions/retry", Set.of("202")),
            Map.entry("POST /api/orders/{id}/returns", Set.of("201", "200")),
            Map.entry("POST /api/accounts/{id}/payments", Set.of("201", "200")),
            Map.entry("POST /api/fulfillment-orders/{id}/shipments", Set.of("201", "200")),
            Map.entry("POST /api/orders/{id}/reships", Set.of("201")));

    /** Problems an operation must list because it can answer them (besides 400 and 503, which every one lists). */
    private static final Map<String, Set<String>> PROBLEMS = Map.ofEntries(
            Map.entry("POST /api/orders", Set.of("401", "403", "413", "415", "422")),
            Map.entry("POST /api/channels/{channel}/orders", Set.of("401", "403", "413", "415")),
            Map.entry("POST /api/channels/shopify/orders", Set.of("401", "413", "415")),
            Map.entry("POST /api/channels/sfcc/orders", Set.of("401", "403", "413", "415")),
            Map.entry("POST /api/carriers/easypost/events", Set.of("401", "404", "413", "415")),
            Map.entry("POST /api/erp/confirmations", Set.of("401", "403", "413", "415")),
            Map.entry("POST /api/process-exceptions/{number}/{action}", Set.of("401", "403", "404", "409", "415")),
            Map.entry("POST /api/process-exceptions/retry", Set.of("401", "403", "409")),
            Map.entry("POST /api/orders/{id}/returns", Set.of("401", "403", "404", "409", "413", "415", "422")),
            Map.entry("POST /api/accounts/{id}/payments", Set.of("401", "403", "404", "409", "413", "415", "422")),
            Map.entry("POST /api/fulfillment-orders/{id}/shipments", Set.of("404", "409", "413", "415", "422")),
            Map.entry("POST /api/orders/{id}/reships", Set.of("404", "409", "413", "415", "422")),
            Map.entry("POST /api/orders/{id}/cancel", Set.of("404", "409", "413", "415", "422")),
            Map.entry("GET /api/orders/{id}", Set.of("401", "403", "404")),
            Map.entry("GET /api/orders", Set.of("401", "403")));

    @Test
    void everyOperationStatesTheStatusesItReallyAnswers() {
        JsonNode paths = document().path("paths");
        List<String> wrong = new ArrayList<>();
        paths.properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    String endpoint = operation.getKey().toUpperCase() + " " + path.getKey();
                    JsonNode responses = operation.getValue().path("responses");
                    Set<String> successes = new TreeSet<>();
                    Set<String> problems = new TreeSet<>();
                    responses.properties().forEach(response -> {
                        String status = response.getKey();
                        JsonNode content = response.getValue().path("content");
                        if (status.startsWith("2")) {
                            successes.add(status);
                            if (content.has("*/*")) {
                                wrong.add(endpoint + " " + status + " answers */*");
                            }
                        } else {
                            problems.add(status);
                            List<String> types = new ArrayList<>();
                            content.propertyNames().forEach(types::add);
                            String schema = content.path("application/problem+json")
                                    .path("schema")
                                    .path("$ref")
                                    .asString();
                            if (!types.equals(List.of("application/problem+json"))
                                    || !schema.equals("#/components/schemas/Problem")) {
                                wrong.add(endpoint + " " + status + " is " + types + " " + schema);
                            }
                        }
                    });
                    Set<String> expected = SUCCESSES.getOrDefault(endpoint, Set.of("200"));
                    if (!successes.equals(new TreeSet<>(expected))) {
                        wrong.add(endpoint + " succeeds with " + successes + ", not " + new TreeSet<>(expected));
                    }
                    Set<String> needed = new TreeSet<>(Set.of("400", "503"));
                    needed.addAll(PROBLEMS.getOrDefault(endpoint, Set.of()));
                    if (!problems.containsAll(needed)) {
                        wrong.add(endpoint + " lists problems " + problems + ", lacking some of " + needed);
                    }
                    if (operation.getValue().has("requestBody") && !problems.contains("413")) {
                        wrong.add(endpoint + " takes a body but not 413");
                    }
                    boolean keyed = !operation.getValue().path("x-roles").isEmpty();
                    if (keyed != problems.contains("403")) {
                        wrong.add(endpoint + (keyed ? " lacks 403" : " needs no key but lists 403"));
                    }
                }));
        assertThat(wrong)
                .as("operations whose answers the description misstates")
                .isEmpty();

        JsonNode easyPost = paths.path("/api/carriers/easypost/events").path("post");
        assertThat(easyPost.path("responses").path("404").path("description").asString())
                .contains("not EasyPost");
        assertThat(easyPost.path("responses").path("401").path("description").asString())
                .contains("signature");
        assertThat(easyPost.path("responses").path("200").path("content").has("application/json"))
                .isTrue();
        assertThat(paths.path("/api/channels/shopify/orders")
                        .path("post")
                        .path("requestBody")
                        .path("content")
                        .has("application/json"))
                .as("the body a webhook reads itself is described")
                .isTrue();
        assertThat(paths.path("/api/orders")
                        .path("post")
                        .path("responses")
                        .path("202")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .isObject())
                .isTrue();
        List<String> actions = new ArrayList<>();
        paths.path("/api/process-exceptions/{number}/{action}")
                .path("post")
                .path("parameters")
                .forEach(parameter -> {
                    if (parameter.path("name").asString().equals("action")) {
                        parameter.path("schema").path("enum").forEach(value -> actions.add(value.asString()));
                    }
                });
        assertThat(actions).containsExactly("triage", "pause", "ignore", "void", "resolve", "retry");
    }

    @Test
    void parametersAreTheRequestsOnly() {
        JsonNode paths = document().path("paths");
        List<String> report = new ArrayList<>();
        paths.path("/api/reports/{name}")
                .path("get")
                .path("parameters")
                .forEach(parameter -> report.add(parameter.path("in").asString() + ":"
                        + parameter.path("name").asString()));
        assertThat(report)
                .containsExactly(
                        "path:name", "query:from", "query:to", "query:channel", "query:account", "query:format");
        // the API key principal and the servlet response are not parameters
        assertThat(paths.path("/api/orders").path("post").path("parameters").size())
                .isZero();
        assertThat(paths.path("/api/reports/{name}")
                        .path("get")
                        .path("responses")
                        .path("200")
                        .path("content")
                        .has("text/csv"))
                .isTrue();
    }

    @Test
    void everyOperationStatesTheRoleTheMatrixTests() {
        JsonNode paths = document().path("paths");
        Map<String, RoleMatrixIT.Rule> rules = RoleMatrixIT.RULES;
        TreeSet<String> described = new TreeSet<>();
        paths.properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    String endpoint = operation.getKey().toUpperCase() + " " + path.getKey();
                    described.add(endpoint);
                    RoleMatrixIT.Rule rule = rules.get(endpoint);
                    assertThat(rule).as("role matrix rule for %s", endpoint).isNotNull();
                    List<String> roles = new ArrayList<>();
                    operation.getValue().path("x-roles").forEach(role -> roles.add(role.asString()));
                    if (rule == RoleMatrixIT.Rule.OPEN) {
                        assertThat(roles).as(endpoint).isEmpty();
                        assertThat(operation.getValue().path("security").isArray()
                                        && operation.getValue().path("security").isEmpty())
                                .as("%s needs no key", endpoint)
                                .isTrue();
                    } else {
                        assertThat(roles)
                                .as(endpoint)
                                .containsExactly(rule.name().toLowerCase(), "admin");
                        assertThat(operation.getValue().path("description").asString())
                                .contains("Role: " + rule.name().toLowerCase());
                    }
                }));
        assertThat(described).contains("GET /api/reports/{name}", "GET /api/invoices/{number}.pdf");
    }

    private JsonNode document() {
        HttpResponse<String> docs = hub.get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        return JSON.readTree(docs.body());
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isString()) {
                    refs.add(field.getValue().asString());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }
}
