package dev.orderhub.exception;

import static dev.orderhub.exception.FaultKit.ADMIN;
import static dev.orderhub.exception.FaultKit.DLQ;
import static dev.orderhub.exception.FaultKit.INGEST;
import static dev.orderhub.exception.FaultKit.OPERATOR;
import static dev.orderhub.exception.FaultKit.act;
import static dev.orderhub.exception.FaultKit.enc;
import static dev.orderhub.exception.FaultKit.exception;
import static dev.orderhub.exception.FaultKit.exceptionsOf;
import static dev.orderhub.exception.FaultKit.exceptionsOfRun;
import static dev.orderhub.exception.FaultKit.historyActions;
import static dev.orderhub.exception.FaultKit.json;
import static dev.orderhub.exception.FaultKit.newExternalId;
import static dev.orderhub.exception.FaultKit.newRun;
import static dev.orderhub.exception.FaultKit.status;
import static dev.orderhub.exception.FaultKit.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import jakarta.jms.JMSException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The operators' process-exception API: list filters and paging, the action flow and its history,
 * refused actions (409), unknown numbers (404), bulk retry by filter, roles (401/403), and the metrics on
 * /actuator/prometheus.
 */
@HubTest
class OpsApiIT {
    private static final String API = "/api/process-exceptions";
    /** The metric names README gives (a gauge refreshed from the database every 10 s, and two counters). */
    private static final String BY_STATUS = "orderhub_process_exceptions_current";

    private static final String RAISED = "orderhub_process_exceptions_raised_total";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    FaultKit.Jms jms;
    HubClient hub;
    final List<String> runs = new ArrayList<>();

    @BeforeEach
    void connect() throws JMSException {
        jms = new FaultKit.Jms(environment.getRequiredProperty("orderhub.broker.port", Integer.class));
        hub = new HubClient(port);
    }

    @AfterEach
    void cleanUp() throws JMSException {
        try {
            for (String run : runs) {
                jms.drain(DLQ, run); // leave the shared dead-letter queue as it was
            }
        } finally {
            jms.close();
        }
    }

    /** A malformed JMS message: a VALIDATION exception, severity LOW, no order. Returns its number. */
    private String validationException() throws JMSException {
        String run = newRun();
        runs.add(run);
        Instant since = Instant.now();
        jms.send(FaultKit.malformed(newExternalId("OPS-BAD")), run);
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> exceptionsOfRun(hub, run, since), found -> !found.isEmpty())
                .get(0)
                .path("number")
                .asString();
    }

    /** A card whose gateway never answers: a PAYMENT exception, severity HIGH, holding its order. */
    private String[] paymentException() {
        String orderId = submit(hub, FaultKit.order(newExternalId("OPS-PAY"), "tok_timeout_always"));
        await().atMost(Duration.ofSeconds(60)).until(() -> status(hub, orderId), "ON_HOLD"::equals);
        List<JsonNode> held = exceptionsOf(hub, orderId);
        assertThat(held).hasSize(1);
        return new String[] {orderId, held.get(0).path("number").asString()};
    }

    private List<String> numbers(String query) {
        List<String> numbers = new ArrayList<>();
        FaultKit.list(hub, query)
                .forEach(item -> numbers.add(item.path("number").asString()));
        return numbers;
    }

    private List<JsonNode> items(String query) {
        return FaultKit.list(hub, query);
    }

    @Test
    void listFiltersByStatusCategorySeverityOrderAndTimeAndPages() throws Exception {
        Instant t0 = Instant.now();
        String validation = validationException();
        String[] payment = paymentException();
        String orderId = payment[0];
        String held = payment[1];
        Instant t1 = Instant.now();
        String window = "from=" + enc(t0) + "&to=" + enc(t1);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(numbers(window)).as("the window").contains(validation, held);

        List<JsonNode> newValidation = items("status=NEW&category=VALIDATION&" + window);
        soft.assertThat(newValidation)
                .extracting(i -> i.path("number").asString())
                .contains(validation)
                .doesNotContain(held);
        soft.assertThat(newValidation).allSatisfy(i -> {
            assertThat(i.path("status").asString()).isEqualTo("NEW");
            assertThat(i.path("category").asString()).isEqualTo("VALIDATION");
        });

        List<JsonNode> high = items("severity=HIGH&" + window);
        soft.assertThat(high)
                .extracting(i -> i.path("number").asString())
                .contains(held)
                .doesNotContain(validation);
        soft.assertThat(high)
                .allSatisfy(i -> assertThat(i.path("severity").asString()).isEqualTo("HIGH"));
        soft.assertThat(items("severity=LOW&" + window))
                .extracting(i -> i.path("number").asString())
                .contains(validation)
                .doesNotContain(held);
        soft.assertThat(numbers("category=PAYMENT&" + window)).contains(held).doesNotContain(validation);

        soft.assertThat(numbers("orderId=" + enc(orderId))).as("by order").containsExactly(held);
        soft.assertThat(numbers("status=RESOLVED&orderId=" + enc(orderId)))
                .as("by order and status")
                .isEmpty();

        soft.assertThat(numbers("from=" + enc(t1)))
                .as("created after the window")
                .doesNotContain(validation, held);
        soft.assertThat(numbers("to=" + enc(t0)))
                .as("created before the window")
                .doesNotContain(validation, held);

        // from and to as the reports take them: a date is its whole day (UTC); a bad one, or from after to, is a 400
        String firstDay = t0.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String lastDay = t1.atZone(ZoneOffset.UTC).toLocalDate().toString();
        soft.assertThat(numbers("from=" + firstDay + "&to=" + lastDay))
                .as("the day's exceptions")
                .contains(validation, held);
        soft.assertThat(hub.get(API + "?from=yesterday", OPERATOR).statusCode())
                .as("a from that is no date")
                .isEqualTo(400);
        soft.assertThat(hub.get(API + "?from=" + enc(t1) + "&to=" + enc(t0), OPERATOR)
                        .statusCode())
                .as("from after to")
                .isEqualTo(400);

        // paging: {items, page, size, total}; list items carry no original message
        JsonNode first = json(hub.get(API + "?" + window + "&size=1&page=0", OPERATOR), 200);
        JsonNode second = json(hub.get(API + "?" + window + "&size=1&page=1", OPERATOR), 200);
        soft.assertThat(first.path("page").asInt()).isZero();
        soft.assertThat(first.path("size").asInt()).isEqualTo(1);
        soft.assertThat(first.path("total").asLong()).isGreaterThanOrEqualTo(2);
        soft.assertThat(first.path("items")).hasSize(1);
        soft.assertThat(second.path("page").asInt()).isEqualTo(1);
        soft.assertThat(second.path("items")).hasSize(1);
        soft.assertThat(second.path("items").path(0).path("number").asString())
                .isNotEqualTo(first.path("items").path(0).path("number").asString());
        soft.assertThat(first.path("items").path(0).path("original").isNull()
                        || first.path("items").path(0).path("original").isMissingNode())
                .as("no original in a list item")
                .isTrue();
        JsonNode defaults = json(hub.get(API, OPERATOR), 200);
        soft.assertThat(defaults.path("page").asInt()).isZero();
        soft.assertThat(defaults.path("size").asInt()).as("default page size").isEqualTo(20);
        soft.assertThat(json(hub.get(API + "?size=1000", OPERATOR), 200)
                        .path("size")
                        .asInt())
                .as("size ceiling")
                .isEqualTo(200);

        // one exception: every field, its original and its history
        JsonNode one = exception(hub, validation);
        soft.assertThat(one.path("original").path("body").asString()).startsWith("{\"externalOrderId\": \"OPS-BAD-");
        soft.assertThat(one.path("original").path("headers").path("testRun").asString())
                .isNotBlank();
        soft.assertThat(historyActions(one)).startsWith("CREATED");
        for (String field : List.of(
                "number",
                "category",
                "severity",
                "priority",
                "status",
                "message",
                "source",
                "attempts",
                "firstFailure",
                "lastFailure",
                "createdAt")) {
            soft.assertThat(one.has(field)).as("field %s", field).isTrue();
        }
        JsonNode attached = exception(hub, held);
        soft.assertThat(attached.path("attachedTo").path("id").asString()).isEqualTo(orderId);
        soft.assertThat(attached.path("failedStep").asString()).isEqualTo("lifecycle-ensure-funds");
        soft.assertAll();
    }

    @Test
    void triagePauseResolveIsRecordedAndAClosedExceptionRefusesActions() throws Exception {
        String number = validationException();

        assertThat(json(act(hub, number, "triage", "looking at it"), 200)
                        .path("status")
                        .asString())
                .isEqualTo("TRIAGED");
        assertThat(json(act(hub, number, "pause", "waiting for the channel"), 200)
                        .path("status")
                        .asString())
                .isEqualTo("PAUSED");
        assertThat(json(act(hub, number, "resolve", "channel resent it"), 200)
                        .path("status")
                        .asString())
                .isEqualTo("RESOLVED");

        JsonNode pe = exception(hub, number);
        assertThat(historyActions(pe)).containsExactly("CREATED", "TRIAGED", "PAUSED", "RESOLVED");
        List<String> details = new ArrayList<>();
        pe.path("history").forEach(h -> details.add(h.path("detail").asString()));
        assertThat(details.subList(1, 4))
                .containsExactly("looking at it", "waiting for the channel", "channel resent it");
        assertThat(numbers("status=RESOLVED&from="
                        + enc(Instant.parse(pe.path("createdAt").asString()))))
                .contains(number);

        for (String action : List.of("triage", "pause", "ignore", "void", "resolve", "retry")) {
            HttpResponse<String> refused = act(hub, number, action, "too late");
            assertThat(refused.statusCode())
                    .as("%s on a RESOLVED exception: %s", action, refused.body())
                    .isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        }
        String original = exception(hub, number).path("original").path("body").asString();
        HttpResponse<String> correctedLate = hub.post(
                API + "/" + number + "/retry",
                OPERATOR,
                FaultKit.JSON.writeValueAsString(Map.of("correctedBody", FaultKit.order(newExternalId("OPS-LATE")))));
        assertThat(correctedLate.statusCode())
                .as("corrected retry of a RESOLVED exception: %s", correctedLate.body())
                .isEqualTo(409);

        JsonNode unchanged = exception(hub, number);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(unchanged.path("status").asString()).isEqualTo("RESOLVED");
        soft.assertThat(unchanged.path("attempts").asInt()).isEqualTo(1);
        soft.assertThat(unchanged.path("original").path("body").asString())
                .as("the original of a closed exception after a refused corrected retry")
                .isEqualTo(original);
        soft.assertThat(historyActions(unchanged))
                .as("history after refused actions")
                .containsExactly("CREATED", "TRIAGED", "PAUSED", "RESOLVED");
        soft.assertAll();
    }

    @Test
    void unknownNumberIs404AndUnknownActionIs400() throws Exception {
        assertThat(hub.get(API + "/PE-99999999", OPERATOR).statusCode()).isEqualTo(404);
        assertThat(act(hub, "PE-99999999", "triage", "x").statusCode()).isEqualTo(404);
        assertThat(act(hub, "PE-99999999", "retry", "x").statusCode()).isEqualTo(404);
        String number = validationException();
        HttpResponse<String> unknown = act(hub, number, "explode", "x");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(exception(hub, number).path("status").asString()).isEqualTo("NEW");
    }

    @Test
    void bulkRetryRetriesWhatTheFilterSelects() throws Exception {
        Instant t0 = Instant.now();
        String a = validationException();
        String b = validationException();
        String[] payment = paymentException();
        Instant t1 = Instant.now();
        String window = "from=" + enc(t0) + "&to=" + enc(t1);

        JsonNode answered = json(hub.post(API + "/retry?category=VALIDATION&" + window, OPERATOR, ""), 202);
        List<String> retried = new ArrayList<>();
        answered.path("retried").forEach(n -> retried.add(n.asString()));
        assertThat(retried).contains(a, b).doesNotContain(payment[1]);
        for (String number : List.of(a, b)) {
            JsonNode replayed = await().atMost(Duration.ofSeconds(30))
                    .until(() -> exception(hub, number), e -> historyActions(e).contains("REPLAY_FAILED"));
            assertThat(historyActions(replayed)).containsSubsequence("CREATED", "RETRIED", "REPLAY_FAILED");
            assertThat(replayed.path("status").asString()).isEqualTo("NEW");
        }
        assertThat(historyActions(exception(hub, payment[1]))).doesNotContain("RETRIED");

        // by order: re-runs the failed step; the gateway still never answers, so the order stays held
        JsonNode byOrder =
                json(hub.post(API + "/retry?category=PAYMENT&orderId=" + enc(payment[0]), OPERATOR, ""), 202);
        assertThat(byOrder.path("retried")).hasSize(1);
        assertThat(byOrder.path("retried").path(0).asString()).isEqualTo(payment[1]);
        assertThat(historyActions(exception(hub, payment[1]))).contains("RETRIED");
        assertThat(status(hub, payment[0])).isEqualTo("ON_HOLD");
        assertThat(exceptionsOf(hub, payment[0])).hasSize(1);

        // a corrected original is for a message that never became an order: refused on an order's exception
        int attempts = exception(hub, payment[1]).path("attempts").asInt();
        HttpResponse<String> corrected = hub.post(
                API + "/" + payment[1] + "/retry",
                OPERATOR,
                FaultKit.JSON.writeValueAsString(Map.of("correctedBody", "{}")));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(409);
        assertThat(exception(hub, payment[1]).path("attempts").asInt()).isEqualTo(attempts);

        // a filter that matches nothing retries nothing
        JsonNode none = json(hub.post(API + "/retry?category=EDI&" + window, OPERATOR, ""), 202);
        assertThat(none.path("retried")).isEmpty();
    }

    @Test
    void onlyOperatorsAndAdminsSeeAndActOnExceptions() throws Exception {
        String number = validationException();

        assertThat(hub.get(API, null).statusCode()).as("no key").isEqualTo(401);
        assertThat(hub.get(API, "not-a-key").statusCode()).as("unknown key").isEqualTo(401);
        assertThat(hub.get(API, INGEST).statusCode()).as("ingest lists").isEqualTo(403);
        assertThat(hub.get(API + "/" + number, INGEST).statusCode())
                .as("ingest reads one")
                .isEqualTo(403);
        assertThat(hub.post(API + "/" + number + "/triage", INGEST, "{}").statusCode())
                .as("ingest acts")
                .isEqualTo(403);
        assertThat(hub.post(API + "/" + number + "/retry", INGEST, "{}").statusCode())
                .as("ingest retries")
                .isEqualTo(403);
        assertThat(hub.post(API + "/retry?category=VALIDATION&from=" + enc(Instant.now()), INGEST, "")
                        .statusCode())
                .as("ingest bulk-retries")
                .isEqualTo(403);
        assertThat(hub.post(API + "/" + number + "/triage", null, "{}").statusCode())
                .as("no key acts")
                .isEqualTo(401);
        assertThat(hub.get("/actuator/prometheus", INGEST).statusCode())
                .as("ingest scrapes")
                .isEqualTo(403);
        assertThat(exception(hub, number).path("status").asString())
                .as("nothing changed")
                .isEqualTo("NEW");

        assertThat(hub.get(API, OPERATOR).statusCode()).isEqualTo(200);
        assertThat(hub.get(API, ADMIN).statusCode()).isEqualTo(200);
        assertThat(hub.get(API + "/" + number, ADMIN).statusCode()).isEqualTo(200);
        assertThat(json(hub.post(API + "/" + number + "/triage", ADMIN, "{}"), 200)
                        .path("status")
                        .asString())
                .isEqualTo("TRIAGED");
    }

    /**
     * Log events are not counted: the counter's logback turbo filter would run on every logging call of the hot path,
     * the many disabled debug and trace checks of Camel, JDBC and Artemis included.
     */
    @Test
    void noFilterRunsOnEveryLoggingCall() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();

        assertThat(logging.getTurboFilterList()).as("logback turbo filters").isEmpty();
        assertThat(scrape().keySet()).noneMatch(series -> series.startsWith("logback_events"));
    }

    @Test
    void metricsCountExceptionsByCategoryAndStatusAndDeadLettersBySource() throws Exception {
        Map<String, Double> before = scrape();
        double createdBefore = value(before, RAISED, "category=\"VALIDATION\"");
        double deadBefore = value(before, "orderhub_dead_letters_total", "source=\"jms\"");
        validationException();
        paymentException();

        SoftAssertions soft = new SoftAssertions();
        // the gauge is refreshed from the database every 10 s
        Optional<Double> gauge = awaitMetric(BY_STATUS, v -> v >= 1, "category=\"VALIDATION\"", "status=\"NEW\"");
        soft.assertThat(gauge)
                .as(
                        BY_STATUS + "{category=VALIDATION,status=NEW}; exported series: %s",
                        seriesNamed("orderhub_process_exceptions"))
                .isPresent();
        soft.assertThat(awaitMetric(BY_STATUS, v -> v >= 1, "category=\"PAYMENT\"", "status=\"NEW\""))
                .as(BY_STATUS + "{category=PAYMENT,status=NEW}")
                .isPresent();
        soft.assertThat(awaitMetric(RAISED, v -> v >= createdBefore + 1, "category=\"VALIDATION\""))
                .as(RAISED + "{category=VALIDATION}; exported series: %s", seriesNamed("orderhub_process_exceptions"))
                .isPresent();
        soft.assertThat(awaitMetric(RAISED, v -> v >= 1, "category=\"PAYMENT\""))
                .as(RAISED + "{category=PAYMENT}")
                .isPresent();
        soft.assertThat(awaitMetric("orderhub_dead_letters_total", v -> v >= deadBefore + 1, "source=\"jms\""))
                .as("orderhub_dead_letters_total{source=jms}; exported series: %s", seriesNamed("orderhub_dead"))
                .isPresent();
        soft.assertAll();
    }

    /** Waits (up to 25 s, over two gauge refreshes) for a series with these labels whose value passes. */
    private Optional<Double> awaitMetric(String name, Predicate<Double> passes, String... labels) {
        try {
            return Optional.of(await().atMost(Duration.ofSeconds(25))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> value(scrape(), name, labels), passes::test));
        } catch (ConditionTimeoutException notThere) {
            return Optional.empty();
        }
    }

    private List<String> seriesNamed(String prefix) {
        return scrape().keySet().stream()
                .filter(k -> k.startsWith(prefix))
                .sorted()
                .toList();
    }

    /** The scrape as series (name with labels) → value. */
    private Map<String, Double> scrape() {
        HttpResponse<String> response = hub.get("/actuator/prometheus", OPERATOR);
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> series = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException ignored) {
                // a sample with a timestamp or an exemplar: not one of ours
            }
        }
        return series;
    }

    /** The sum of the series of this metric carrying all these labels; 0 when there is none. */
    private static double value(Map<String, Double> series, String name, String... labels) {
        double sum = 0;
        for (Map.Entry<String, Double> s : series.entrySet()) {
            String key = s.getKey();
            if (!key.startsWith(name + "{") && !key.equals(name)) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= key.contains(label);
            }
            if (all) {
                sum += s.getValue();
            }
        }
        return sum;
    }
}
