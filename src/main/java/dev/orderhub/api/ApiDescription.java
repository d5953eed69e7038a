package dev.orderhub.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;

/**
 * Completes what springdoc reads from the controllers: the hub's JSON Schemas as components and as the bodies of the
 * order endpoints, the role each operation needs ({@code x-roles} and a sentence in its description, taken from
 * {@link SecurityConfiguration#needed}), success answers as JSON (and the statuses of an operation whose controller
 * states none, {@link #SUCCESSES}), and the problem+json answers an operation may give: those its handler states
 * ({@code @ApiResponse}) or {@link RequestBodies} found, and those that follow from its role, path and method.
 */
@SuppressWarnings("rawtypes")
class ApiDescription implements OpenApiCustomizer {
    static final String API_KEY = "apiKey";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    private static final String ANY = "*/*";

    /** The problem answers: status, and when an operation may give it. */
    private static final Map<String, String> PROBLEMS = Map.of(
            "400",
                    "Bad request: a parameter or the body is malformed or invalid (title names what; errors lists"
                            + " field errors of an order).",
            "401", "No or an unknown API key in X-Api-Key.",
            "403", "The API key lacks the role (detail names it), or the order is of a channel the key is not for.",
            "404", "Not found: no such order, return order, process exception, account, invoice or report.",
            "409", "Conflict: the move is refused in the current state (rule and move name it).",
            "413", "The request body is over orderhub.http.max-body-size.",
            "415", "The request's Content-Type is not one the operation takes.",
            "422", "Unprocessable: a business rule refused the request (rule names it).",
            "503", "Temporarily unavailable: a transient failure; retry the same request.");

    /** A signed webhook's 401: it takes no API key. */
    private static final String UNSIGNED =
            "The signature header is missing or does not match the body (or no secret is configured).";

    /**
     * Success answers of operations whose controller chooses the status at run time and carries no
     * {@code @ApiResponse} of its own: each status with its description, the body as springdoc read it for 200.
     */
    private static final Map<String, Map<String, String>> SUCCESSES = Map.of(
            "POST /api/orders/{id}/returns",
            Map.of(
                    "201", "The return order, REQUESTED",
                    "200", "With preview=true: what the return would change; nothing is written"));

    private final Map<String, Schema> schemas;

    ApiDescription(Map<String, Schema> schemas) {
        this.schemas = schemas;
    }

    @Override
    public void customise(OpenAPI api) {
        schemas.forEach(api.getComponents()::addSchemas);
        api.getComponents().addSchemas(PROBLEM, problem());
        SUCCESSES.forEach((endpoint, statuses) -> successes(api, endpoint, statuses));
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> describe(path, HttpMethod.valueOf(method.name()), operation)));
        body(api, "/api/orders", PathItem.HttpMethod.POST, "order");
        answer(api, "/api/orders/{id}", PathItem.HttpMethod.GET, "order-summary");
    }

    private void describe(String path, HttpMethod method, Operation operation) {
        Optional<Role> role = SecurityConfiguration.needed(method, path);
        String needs = role.map(r -> "Role: " + name(r) + " (or admin).")
                .orElse("Open: no API key; the request authenticates by its signature.");
        operation.setDescription(
                operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
        operation.addExtension(
                "x-roles", role.map(r -> List.of(name(r), name(Role.ADMIN))).orElse(List.of()));
        if (role.isEmpty()) {
            operation.setSecurity(List.of());
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.remove("default");
        // what springdoc could not tell (no produces): every answer of the hub that is not a document is JSON
        responses.values().forEach(ApiDescription::json);
        Set<String> statuses =
                new TreeSet<>(problems(path, method, role.isPresent(), operation.getRequestBody() != null));
        responses.keySet().stream()
                .filter(status -> status.compareTo("400") >= 0)
                .forEach(statuses::add);
        ApiResponses ordered = new ApiResponses();
        responses.entrySet().stream()
                .filter(answer -> answer.getKey().compareTo("400") < 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(answer -> ordered.addApiResponse(answer.getKey(), answer.getValue()));
        for (String status : statuses) {
            ApiResponse declared = responses.get(status);
            String description = declared != null
                            && declared.getDescription() != null
                            && !declared.getDescription().isBlank()
                    ? declared.getDescription()
                    : "401".equals(status) && role.isEmpty() ? UNSIGNED : PROBLEMS.get(status);
            ordered.addApiResponse(
                    status,
                    new ApiResponse()
                            .description(description)
                            .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(ref(PROBLEM)))));
        }
        operation.setResponses(ordered);
    }

    /**
     * The problems an operation may answer besides those its handler declares or {@link RequestBodies} found: 400
     * and 503 always; 401 for a missing key or, on a signed webhook, a bad signature; 403 for a keyed one; 404 when
     * the path names something; 409 and 422 for a POST (a state or a rule may refuse it); 413 for a body.
     */
    private static Set<String> problems(String path, HttpMethod method, boolean keyed, boolean hasBody) {
        Set<String> statuses = new TreeSet<>(Set.of("400", "401", "503"));
        if (keyed) {
            statuses.add("403");
        }
        if (path.contains("{")) {
            statuses.add("404");
        }
        if (HttpMethod.POST.equals(method)) {
            statuses.addAll(Set.of("409", "422"));
        }
        if (hasBody) {
            statuses.add("413");
        }
        return statuses;
    }

    /** A success answer's content of any media type (the mapping names no produces) is JSON: the hub answers JSON. */
    private static void json(ApiResponse response) {
        Content content = response.getContent();
        if (content != null && content.containsKey(ANY)) {
            MediaType any = content.remove(ANY);
            content.putIfAbsent(JSON, any);
        }
    }

    /** Splits springdoc's one 200 of an operation into the statuses it really answers. */
    private static void successes(OpenAPI api, String endpoint, Map<String, String> statuses) {
        String[] parts = endpoint.split(" ", 2);
        PathItem item = api.getPaths().get(parts[1]);
        Operation operation = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(parts[0]));
        if (operation == null || operation.getResponses() == null) {
            return;
        }
        ApiResponse generic = operation.getResponses().get("200");
        new TreeMap<>(statuses).forEach((status, description) -> {
            ApiResponse answer = new ApiResponse().description(description);
            if (generic != null && generic.getContent() != null) {
                Content content = new Content();
                content.putAll(generic.getContent());
                answer.content(content);
            }
            operation.getResponses().addApiResponse(status, answer);
        });
    }

    private static void body(OpenAPI api, String path, PathItem.HttpMethod method, String schema) {
        Operation operation = api.getPaths().get(path).readOperationsMap().get(method);
        operation.setRequestBody(new RequestBody()
                .required(true)
                .content(new Content().addMediaType(JSON, new MediaType().schema(ref(schema)))));
    }

    private static void answer(OpenAPI api, String path, PathItem.HttpMethod method, String schema) {
        Operation operation = api.getPaths().get(path).readOperationsMap().get(method);
        operation
                .getResponses()
                .get("200")
                .content(new Content().addMediaType(JSON, new MediaType().schema(ref(schema))));
    }

    private static Schema ref(String component) {
        return new JsonSchema().$ref("#/components/schemas/" + component);
    }

    /** RFC 9457 problem details with the hub's extensions. */
    private static Schema problem() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new JsonSchema().types(Set.of("string")).format("uri-reference"));
        properties.put("title", new JsonSchema().types(Set.of("string")));
        properties.put("status", new JsonSchema().types(Set.of("integer")));
        properties.put("detail", new JsonSchema().types(Set.of("string")));
        properties.put("instance", new JsonSchema().types(Set.of("string")));
        properties.put("rule", new JsonSchema().types(Set.of("string")).description("the business rule that refused"));
        properties.put("move", new JsonSchema().types(Set.of("string")).description("the refused lifecycle move"));
        Map<String, Schema> fieldError = new LinkedHashMap<>();
        fieldError.put("field", new JsonSchema().types(Set.of("string")));
        fieldError.put("message", new JsonSchema().types(Set.of("string")));
        properties.put(
                "errors",
                new JsonSchema()
                        .types(Set.of("array"))
                        .items(new JsonSchema().types(Set.of("object")).properties(fieldError))
                        .description("an invalid order's field errors"));
        return new JsonSchema()
                .types(Set.of("object"))
                .description("RFC 9457 problem details (application/problem+json)")
                .properties(properties);
    }

    private static String name(Role role) {
        return role.name().toLowerCase();
    }
}
