package dev.orderhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's role matrix end to end: no session and keys without the operator or admin role are sent to sign-in;
 * operator and admin sessions see every page; the session cookie is HttpOnly and SameSite=Strict; forms need the
 * CSRF token; sign-out ends the session. Also the language choice and the API's translated problem titles, those of
 * the hub's handlers and of Spring MVC's own problems (a malformed parameter, a media type or method not taken, a path
 * nothing answers) alike.
 */
@HubTest
class ConsoleSecurityIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> PAGES = List.of(
            "/console",
            "/console/orders",
            "/console/orders?q=nothing-matches&status=CLOSED&from=2026-01-01&to=2026-12-31",
            "/console/process-exceptions",
            "/console/process-exceptions?status=NEW&category=VALIDATION&severity=LOW&minAgeHours=1",
            "/console/process-exceptions/counts",
            "/console/partners",
            "/console/partners/sftp-test",
            "/console/reports");

    @LocalServerPort
    int port;

    @Test
    void withoutASessionEveryPageSendsToSignInEvenWithAnApiKey() {
        ConsoleSession browser = new ConsoleSession(port);
        for (String page : PAGES) {
            HttpResponse<String> response = browser.get(page, "X-Api-Key", HubTestContext.ADMIN_KEY);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location"))
                    .hasValue("http://localhost:" + port + "/console/sign-in");
        }
        HttpResponse<String> signIn = browser.get("/console/sign-in");
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("type=\"password\"").contains("name=\"apiKey\"");
    }

    @ParameterizedTest(name = "a key of role {0} cannot sign in")
    @ValueSource(strings = {HubTestContext.INGEST_KEY, HubTestContext.ERP_KEY, "no-such-key"})
    void keysWithoutOperatorOrAdminAreRefused(String key) {
        ConsoleSession browser = new ConsoleSession(port);
        HttpResponse<String> refused = browser.signIn(key);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/console/sign-in?error"));
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
        assertThat(browser.get("/console/sign-in?error").body()).contains("This key cannot sign in");
    }

    @ParameterizedTest(name = "a session signed in with the {0} key sees every page")
    @ValueSource(strings = {HubTestContext.OPERATOR_KEY, HubTestContext.ADMIN_KEY})
    void operatorAndAdminSeeEveryPage(String key) {
        ConsoleSession browser = new ConsoleSession(port);
        HttpResponse<String> signedIn = browser.signIn(key);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("http://localhost:" + port + "/console");
        assertThat(signedIn.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("JSESSIONID=")
                        .contains("HttpOnly")
                        .contains("SameSite=Strict")
                        .doesNotContain("Secure")); // plain HTTP here; over TLS the container adds Secure
        for (String page : PAGES) {
            HttpResponse<String> response = browser.get(page);
            assertThat(response.statusCode()).as(page + ": " + response.body()).isEqualTo(200);
            if (!page.endsWith("/counts")) {
                assertThat(response.body())
                        .as(page)
                        .contains("<html lang=\"en\">")
                        .contains(">Sign out</button>");
            }
        }
        assertThat(JSON.readTree(browser.get("/console/process-exceptions/counts")
                                .body())
                        .has("NEW"))
                .isTrue();
    }

    @Test
    void formsNeedTheCsrfTokenAndSignOutEndsTheSession() {
        ConsoleSession browser = new ConsoleSession(port);
        browser.signIn(HubTestContext.OPERATOR_KEY);
        assertThat(browser.postRaw("/console/sign-out", Map.of()).statusCode()).isEqualTo(403);
        assertThat(browser.postRaw("/console/process-exceptions/retry", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(browser.get("/console").statusCode()).as("still signed in").isEqualTo(200);

        HttpResponse<String> retried = browser.post(
                "/console/process-exceptions/retry",
                "/console/process-exceptions",
                Map.of("category", "TAX", "minAgeHours", "1000000"));
        assertThat(retried.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to)
                        .endsWith("/console/process-exceptions?status=NEW&category=TAX&minAgeHours=1000000"));
        assertThat(browser.get("/console/process-exceptions?status=NEW&category=TAX&minAgeHours=1000000")
                        .body())
                .as("a bulk retry of a filter that matches nothing")
                .contains("0 exception(s) retried.");

        HttpResponse<String> signedOut = browser.post("/console/sign-out", "/console", Map.of());
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/console/sign-in?signedOut"));
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
        assertThat(browser.get("/console/sign-in?signedOut").body()).contains("You are signed out.");
    }

    @Test
    void langSwitchesTheLanguageAndIsRememberedElseAcceptLanguageChooses() {
        ConsoleSession browser = new ConsoleSession(port);
        browser.signIn(HubTestContext.OPERATOR_KEY);
        assertThat(browser.get("/console/orders", "Accept-Language", "fr-CH, fr;q=0.9")
                        .body())
                .contains("<html lang=\"fr\">")
                .contains("Se déconnecter");
        assertThat(browser.get("/console/orders?lang=de").body())
                .contains("<html lang=\"de\">")
                .contains(">Abmelden</button>");
        assertThat(browser.get("/console/process-exceptions", "Accept-Language", "ja")
                        .body())
                .as("remembered over Accept-Language")
                .contains("<html lang=\"de\">")
                .contains("Prozessausnahmen");
        assertThat(browser.get("/console?lang=ja").body())
                .contains("<html lang=\"ja\">")
                .contains("サインアウト");
        assertThat(browser.get("/console?lang=xx").body())
                .as("a language the console lacks shows English")
                .contains("<html lang=\"en\">");
    }

    @Test
    void problemTitlesOfTheApiFollowAcceptLanguage() {
        HubClient hub = new HubClient(port);
        assertThat(title(hub.get("/api/orders/no-such-order", HubTestContext.OPERATOR_KEY)))
                .isEqualTo("Not found");
        ConsoleSession client = new ConsoleSession(port);
        for (Map.Entry<String, String> language : Map.of(
                        "de", "Nicht gefunden",
                        "fr", "Introuvable",
                        "es", "No encontrado",
                        "ja", "見つかりません",
                        "pt-BR", "Not found")
                .entrySet()) {
            HttpResponse<String> response = client.get(
                    "/api/orders/no-such-order",
                    "X-Api-Key",
                    HubTestContext.OPERATOR_KEY,
                    "Accept-Language",
                    language.getKey());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(title(response)).as(language.getKey()).isEqualTo(language.getValue());
        }
    }

    /** The problems Spring MVC makes itself, not the hub's handlers: titled in the caller's language all the same. */
    @Test
    void problemTitlesOfSpringMvcsOwnProblemsFollowAcceptLanguage() {
        HubClient hub = new HubClient(port);
        Map<String, List<String>> titles = Map.of(
                "en", List.of("Bad request", "Unsupported media type", "Method not allowed", "Not found"),
                "de",
                        List.of(
                                "Ungültige Anfrage",
                                "Nicht unterstützter Medientyp",
                                "Methode nicht erlaubt",
                                "Nicht gefunden"),
                "fr",
                        List.of(
                                "Requête invalide",
                                "Type de média non pris en charge",
                                "Méthode non autorisée",
                                "Introuvable"),
                "es",
                        List.of(
                                "Solicitud incorrecta",
                                "Tipo de medio no admitido",
                                "Método no permitido",
                                "No encontrado"),
                "ja", List.of("不正なリクエスト", "サポートされていないメディアタイプです", "許可されていないメソッドです", "見つかりません"));
        titles.forEach((language, expected) -> {
            List<HttpResponse<String>> answers = List.of(
                    hub.post("/api/orders?page=abc", request("GET", language, HubTestContext.OPERATOR_KEY, null)),
                    hub.post("/api/orders", request("POST", language, HubTestContext.INGEST_KEY, "text/plain")),
                    hub.post("/api/orders", request("DELETE", language, HubTestContext.OPERATOR_KEY, null)),
                    hub.post("/api/nothing-here", request("GET", language, HubTestContext.OPERATOR_KEY, null)));
            assertThat(answers.stream().map(HttpResponse::statusCode).toList())
                    .as(language)
                    .containsExactly(400, 415, 405, 404);
            assertThat(answers.stream().map(ConsoleSecurityIT::title).toList())
                    .as(language)
                    .containsExactlyElementsOf(expected);
            assertThat(answers)
                    .allSatisfy(answer -> assertThat(answer.headers().firstValue("Content-Type"))
                            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json")));
            assertThat(JSON.readTree(answers.get(3).body()).path("detail").asString())
                    .as("the hub's detail, not Spring's")
                    .isEqualTo("no endpoint answers GET /api/nothing-here");
        });
        assertThat(title(hub.post(
                        "/api/orders?page=abc", request("GET", "ja;q=0.9, de", HubTestContext.OPERATOR_KEY, null))))
                .as("the language Accept-Language prefers")
                .isEqualTo("Ungültige Anfrage");
    }

    private static HttpRequest.Builder request(String method, String language, String key, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .method(
                        method,
                        contentType == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("an order?"))
                .header("Accept-Language", language)
                .header("X-Api-Key", key);
        return contentType == null ? request : request.header("Content-Type", contentType);
    }

    @Test
    void problemTitlesOfTheSecurityFiltersFollowAcceptLanguageToo() {
        ConsoleSession client = new ConsoleSession(port);
        HttpResponse<String> noKey = client.get("/api/orders", "Accept-Language", "de");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(title(noKey)).isEqualTo("Nicht angemeldet");
        assertThat(title(client.get("/api/orders"))).isEqualTo("Unauthorized");
        HttpResponse<String> lacksRole =
                client.get("/api/orders", "X-Api-Key", HubTestContext.INGEST_KEY, "Accept-Language", "ja");
        assertThat(lacksRole.statusCode()).isEqualTo(403);
        assertThat(title(lacksRole)).isEqualTo("アクセスが拒否されました");
        assertThat(title(client.get("/api/orders", "X-Api-Key", HubTestContext.INGEST_KEY)))
                .isEqualTo("Forbidden");
    }

    @Test
    void reportDownloadsTakeTheConsoleSessionInsteadOfAKey() {
        ConsoleSession anonymous = new ConsoleSession(port);
        HttpResponse<String> refused = anonymous.get("/api/reports/orders?format=csv");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

        ConsoleSession operator = new ConsoleSession(port);
        operator.signIn(HubTestContext.OPERATOR_KEY);
        // the session passes security; what answers is the report endpoint (404 on a hub without it)
        assertThat(operator.get("/api/reports/orders?format=csv").statusCode()).isNotIn(401, 403);
        assertThat(operator.get("/api/orders").statusCode())
                .as("other API calls still need a key")
                .isEqualTo(401);
    }

    @Test
    void invoiceAndCreditMemoPdfsTakeTheConsoleSessionAndNothingBesideThem() {
        List<String> pdfs = List.of("/api/invoices/INV-NO-SUCH.pdf", "/api/credit-memos/CM-NO-SUCH.pdf");
        ConsoleSession anonymous = new ConsoleSession(port);
        for (String pdf : pdfs) {
            assertThat(anonymous.get(pdf).statusCode()).as(pdf).isEqualTo(401);
        }
        ConsoleSession operator = new ConsoleSession(port);
        operator.signIn(HubTestContext.OPERATOR_KEY);
        for (String pdf : pdfs) {
            assertThat(operator.get(pdf).statusCode())
                    .as("the session passes security, the document is missing: " + pdf)
                    .isEqualTo(404);
        }
        for (String other : List.of(
                "/api/invoices/INV-NO-SUCH",
                "/api/invoices?orderId=x",
                "/api/credit-memos/CM-NO-SUCH",
                "/api/credit-memos?orderId=x",
                "/api/invoices/INV-NO-SUCH.pdf/more")) {
            assertThat(operator.get(other).statusCode())
                    .as("still needs a key: " + other)
                    .isEqualTo(401);
        }
        assertThat(operator.postRaw("/api/invoices/INV-NO-SUCH.pdf", Map.of()).statusCode())
                .as("only GETs")
                .isEqualTo(401);
    }

    private static String title(HttpResponse<String> response) {
        JsonNode problem = JSON.readTree(response.body());
        return problem.path("title").asString();
    }
}
