package dev.orderhub.tax;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orderhub.connector.Connectors;
import dev.orderhub.order.OrderValidator;
import dev.orderhub.order.Source;
import dev.orderhub.pipeline.Pipeline;
import dev.orderhub.store.Orders;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tax through the Avalara AvaTax connector (README, "Tax: Avalara AvaTax"), against {@link FakeAvaTax}: one
 * SalesOrder quote per order gives the tax lines, one committed SalesInvoice per invoice records them; a validation
 * error is permanent; a timeout, a 503 and a 429 are retried in process; the circuit opens and closes; a crash after
 * AvaTax answered a commit records the invoice once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = AvaTaxHub.Context.class)
// its own context with its own database: closed afterwards, so that nothing of it keeps running beside the shared one
@DirtiesContext
class AvaTaxIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final Set<String> STOPPED = Set.of("ON_HOLD", "REJECTED", "CANCELLED", "CLOSED", "WAITING_APPROVAL");
    private static final String CREATE = "/api/v2/transactions/create";

    @LocalServerPort
    int port;

    @Autowired
    Connectors connectors;

    @Autowired
    TaxDocuments taxDocuments;

    @Autowired
    Orders orders;

    @Autowired
    OrderValidator validator;

    @Autowired
    Pipeline pipeline;

    @Autowired
    DataSource dataSource;

    HubClient hub;
    WireMockServer avatax;

    @BeforeEach
    void hub() {
        hub = new HubClient(port);
        avatax = FakeAvaTax.server();
    }

    @AfterEach
    void defaultStubs() {
        FakeAvaTax.defaults();
    }

    @Test
    void anOrderOfTwoDeliveryGroupsIsQuotedOnceAndEachInvoiceIsRecordedOnce() {
        ObjectNode order = twoGroupOrder("HAPPY");
        String id = submit(order);

        JsonNode closed = awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 2);

        List<LoggedRequest> quotes = creates("SalesOrder", id);
        assertThat(quotes).hasSize(1);
        JsonNode quote = JSON.readTree(quotes.get(0).getBodyAsString());
        assertThat(quotes.get(0).getHeader("Authorization")).isEqualTo(FakeAvaTax.AUTHORIZATION);
        assertThat(quote.path("type").asString()).isEqualTo("SalesOrder");
        assertThat(quote.path("code").asString()).isEqualTo(id);
        assertThat(quote.path("commit").asBoolean(true)).isFalse();
        assertThat(quote.path("companyCode").asString()).isEqualTo(FakeAvaTax.COMPANY_CODE);
        assertThat(quote.path("currencyCode").asString()).isEqualTo("USD");
        JsonNode shipFrom = JSON.readTree("""
                {"line1": "100 Congress Ave", "city": "Austin", "region": "TX", "postalCode": "78701", "country": "US"}""");
        JsonNode austin = JSON.readTree("""
                {"line1": "9 Dock Rd", "city": "Austin", "region": "TX", "postalCode": "78744", "country": "US"}""");
        JsonNode dallas = JSON.readTree("""
                {"line1": "1 Elm St", "city": "Dallas", "region": "TX", "postalCode": "75201", "country": "US"}""");
        JsonNode lines = quote.path("lines");
        assertThat(lines).hasSize(4);
        assertLine(lines.get(0), "L-1", "DRILL-18V", 4, "490.20", "P0000000", austin, shipFrom);
        assertLine(lines.get(1), "L-2", "BIT-SET-50", 2, "49.00", "P0000000", dallas, shipFrom);
        assertLine(lines.get(2), "C-0", "DELIVERY", 1, "20.00", "FR020100", austin, shipFrom);
        assertLine(lines.get(3), "C-1", "DELIVERY", 1, "10.00", "FR020100", dallas, shipFrom);
        lines.forEach(l -> assertThat(l.path("taxIncluded").asBoolean(true)).isFalse());

        assertThat(taxLines(closed.path("lines").get(0)))
                .containsExactly("TEXAS TX STATE TAX 0.0625 30.64", "AUSTIN TX CITY TAX 0.02 9.80");
        assertThat(taxLines(closed.path("lines").get(1))).containsExactly("TEXAS TX STATE TAX 0.0625 3.06");
        assertThat(taxLines(closed.path("charges").get(0)))
                .containsExactly("TEXAS TX STATE TAX 0.0625 1.25", "AUSTIN TX CITY TAX 0.02 0.40");
        assertThat(taxLines(closed.path("charges").get(1))).containsExactly("TEXAS TX STATE TAX 0.0625 0.63");
        assertThat(closed.path("totals").path("tax").asString()).isEqualTo("45.78");
        assertThat(closed.path("totals").path("grandTotal").asString()).isEqualTo("614.98");
        assertThat(closed.path("payment").path("captured").asString()).isEqualTo("614.98");

        BigDecimal recordedTax = BigDecimal.ZERO;
        for (JsonNode invoice : closed.path("invoices")) {
            String number = invoice.path("number").asString();
            List<LoggedRequest> recorded = creates("SalesInvoice", number);
            assertRecordedOnce(number);
            JsonNode document = JSON.readTree(recorded.get(0).getBodyAsString());
            assertThat(document.path("commit").asBoolean()).isTrue();
            assertThat(document.path("code").asString()).isEqualTo(number);
            BigDecimal documentTax = BigDecimal.ZERO;
            for (JsonNode line : document.path("lines")) {
                assertThat(line.path("addresses").path("shipFrom")).isEqualTo(shipFrom);
                assertThat(line.path("addresses").path("shipTo")).isIn(austin, dallas);
                assertThat(line.path("taxOverride").path("type").asString()).isEqualTo("TaxAmount");
                documentTax = documentTax.add(
                        line.path("taxOverride").path("taxAmount").decimalValue());
            }
            assertThat(documentTax).isEqualByComparingTo(invoice.path("tax").asString());
            recordedTax = recordedTax.add(documentTax);
        }
        assertThat(recordedTax).isEqualByComparingTo("45.78");

        // voiding (what cancelling an order does) voids each recorded SalesInvoice once, however often asked
        taxDocuments.voidRecorded(orders.get(id));
        taxDocuments.voidRecorded(orders.get(id));
        for (JsonNode invoice : closed.path("invoices")) {
            String number = invoice.path("number").asString();
            List<LoggedRequest> voids = avatax.findAll(postRequestedFor(urlPathEqualTo(
                    "/api/v2/companies/" + FakeAvaTax.COMPANY_CODE + "/transactions/" + number + "/void")));
            assertThat(voids).hasSize(1);
            assertThat(JSON.readTree(voids.get(0).getBodyAsString()))
                    .isEqualTo(JSON.readTree("{\"code\": \"DocVoided\"}"));
        }
        assertThat(FakeAvaTax.fake().voided())
                .as(
                        "voided; void answers %s",
                        avatax.getAllServeEvents().stream()
                                .filter(e -> e.getRequest().getUrl().endsWith("/void"))
                                .map(e -> e.getResponse().getStatus() + " "
                                        + e.getResponse().getBodyAsString())
                                .toList())
                .containsAll(closed.path("invoices")
                        .valueStream()
                        .map(i -> i.path("number").asString())
                        .toList());
    }

    @Test
    void aValidationErrorHoldsTheOrderWithAPermanentTaxException() {
        String po = "INVALID-" + UUID.randomUUID();
        avatax.stubFor(quoteOf(po)
                .willReturn(json(400, FakeAvaTax.errorBody("InvalidAddress", "The address value was incomplete."))));
        String id = submit(twoGroupOrder(po));

        JsonNode held =
                awaitOrder(id, "ON_HOLD", o -> o.path("activeProcessExceptions").size() == 1);

        JsonNode pe = processException(
                held.path("activeProcessExceptions").get(0).path("number").asString());
        assertThat(pe.path("category").asString()).isEqualTo("TAX");
        assertThat(pe.path("transientFailure").asBoolean(true)).isFalse();
        assertThat(pe.path("message").asString()).contains("The address value was incomplete.", "InvalidAddress");
        assertThat(creates("SalesOrder", id))
                .as("a permanent failure is not asked again")
                .hasSize(1);
    }

    @Test
    void aTimeoutIsAskedAgainAndTheOrderCloses() {
        String po = "TIMEOUT-" + UUID.randomUUID();
        avatax.stubFor(quoteOf(po)
                .inScenario(po)
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("answered")
                .willReturn(aResponse().withTransformers("avatax").withFixedDelay(3000)));
        String id = submit(twoGroupOrder(po));

        JsonNode closed = awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 2);

        assertThat(creates("SalesOrder", id)).hasSize(2);
        assertThat(closed.path("totals").path("tax").asString()).isEqualTo("45.78");
        assertThat(closed.path("activeProcessExceptions")).isEmpty();
        closed.path("invoices").forEach(i -> assertRecordedOnce(i.path("number").asString()));
    }

    @Test
    void aServiceUnavailableIsAskedAgainAndTheOrderCloses() {
        String po = "UNAVAILABLE-" + UUID.randomUUID();
        avatax.stubFor(quoteOf(po)
                .inScenario(po)
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("answered")
                .willReturn(json(503, FakeAvaTax.errorBody("ServiceUnavailable", "The service is unavailable."))));
        String id = submit(twoGroupOrder(po));

        JsonNode closed = awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 2);

        assertThat(creates("SalesOrder", id)).hasSize(2);
        assertThat(closed.path("totals").path("tax").asString()).isEqualTo("45.78");
        assertThat(closed.path("activeProcessExceptions")).isEmpty();
    }

    @Test
    void tooManyRequestsIsAskedAgainAfterRetryAfter() {
        String po = "LIMITED-" + UUID.randomUUID();
        avatax.stubFor(quoteOf(po)
                .inScenario(po)
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("answered")
                .willReturn(json(429, FakeAvaTax.errorBody("RateLimitExceeded", "Too many requests."))
                        .withHeader("Retry-After", "1")));
        String id = submit(twoGroupOrder(po));

        awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 2);

        List<ServeEvent> quotes = avatax.getAllServeEvents().stream()
                .filter(e -> JSON.readTree(e.getRequest().getBodyAsString())
                        .path("code")
                        .asString()
                        .equals(id))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .toList();
        List<String> timeline = quotes.stream()
                .map(e -> e.getRequest().getLoggedDate().toInstant() + " "
                        + e.getResponse().getStatus() + " " + e.getTiming())
                .toList();
        assertThat(quotes).as("%s", timeline).hasSize(2);
        assertThat(quotes.get(0).getResponse().getStatus()).isEqualTo(429);
        Duration waited = Duration.between(
                quotes.get(0).getRequest().getLoggedDate().toInstant(),
                quotes.get(1).getRequest().getLoggedDate().toInstant());
        assertThat(waited).as("%s", timeline).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void theCircuitOpensWhileAvaTaxFailsAndClosesWhenItAnswersAgain() {
        String prefix = "CIRCUIT-" + UUID.randomUUID();
        avatax.stubFor(post(urlPathEqualTo(CREATE))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.referenceCode", containing(prefix)))
                .willReturn(json(503, FakeAvaTax.errorBody("ServiceUnavailable", "The service is unavailable."))));
        List<String> held = new ArrayList<>();
        while (!connectors.policy("tax").circuitState().equals("OPEN")) {
            assertThat(held).as("orders failed before the circuit opened").hasSizeLessThan(4);
            String id = submit(twoGroupOrder(prefix + "-" + held.size()));
            awaitOrder(id, "ON_HOLD", o -> o.path("activeProcessExceptions").size() == 1);
            held.add(id);
        }
        int asked = avatax.findAll(postRequestedFor(urlPathEqualTo(CREATE))
                        .withRequestBody(matchingJsonPath("$.referenceCode", containing(prefix))))
                .size();

        String refused = submit(twoGroupOrder(prefix + "-open"));
        JsonNode onHold = awaitOrder(
                refused, "ON_HOLD", o -> o.path("activeProcessExceptions").size() == 1);
        JsonNode pe = processException(
                onHold.path("activeProcessExceptions").get(0).path("number").asString());
        assertThat(pe.path("category").asString()).isEqualTo("TAX");
        assertThat(pe.path("transientFailure").asBoolean()).isTrue();
        assertThat(avatax.findAll(postRequestedFor(urlPathEqualTo(CREATE))
                                .withRequestBody(matchingJsonPath("$.referenceCode", containing(prefix))))
                        .size())
                .as("AvaTax is not asked while the circuit is open")
                .isEqualTo(asked);

        FakeAvaTax.defaults();
        // retried until the circuit lets a call through again (after openMs): it succeeds and closes the circuit
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode order = order(refused);
            if (order.path("status").asString().equals("ON_HOLD")) {
                for (JsonNode active : order.path("activeProcessExceptions")) {
                    hub.post(
                            "/api/process-exceptions/" + active.path("number").asString() + "/retry",
                            HubTestContext.OPERATOR_KEY,
                            "{}");
                }
            }
            assertThat(order(refused).path("status").asString()).isEqualTo("CLOSED");
        });
        assertThat(connectors.policy("tax").circuitState()).isEqualTo("CLOSED");
    }

    @Test
    void aCrashAfterAvaTaxRecordedAnInvoiceRecordsItOnce() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        // the outcome of the order's first tax commit fails to be written, once: as if the hub died right after
        // AvaTax answered; the step runs again and asks again with the same code
        jdbc.sql("CREATE TABLE IF NOT EXISTS test_crash_after_answer (order_id VARCHAR(40) PRIMARY KEY)")
                .update();
        jdbc.sql("CREATE SEQUENCE IF NOT EXISTS test_crash_after_answer_seq").update();
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_crash_after_answer() RETURNS trigger AS $$
                BEGIN
                  IF NEW.status = 'SUCCEEDED' AND NEW.kind = 'TAX-COMMIT'
                     AND EXISTS (SELECT 1 FROM test_crash_after_answer WHERE order_id = NEW.order_id)
                     AND nextval('test_crash_after_answer_seq') = 1 THEN
                    RAISE EXCEPTION 'the hub crashed after AvaTax answered' USING ERRCODE = '40001';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql""").update();
        jdbc.sql("""
                CREATE OR REPLACE TRIGGER test_crash_after_answer BEFORE UPDATE ON external_calls
                FOR EACH ROW EXECUTE FUNCTION test_crash_after_answer()""").update();
        ObjectNode order = twoGroupOrder("CRASH-" + UUID.randomUUID());
        String id = orders.create(validator.parse(order), Source.of("test", "avatax-crash"))
                .id();
        jdbc.sql("INSERT INTO test_crash_after_answer (order_id) VALUES (:id)")
                .param("id", id)
                .update();
        pipeline.drive(id);

        JsonNode closed = awaitOrder(id, "CLOSED", o -> o.path("invoices").size() == 2);

        assertThat(jdbc.sql("SELECT is_called FROM test_crash_after_answer_seq")
                        .query(Boolean.class)
                        .single())
                .as("the crash happened")
                .isTrue();
        List<Integer> asked = new ArrayList<>();
        for (JsonNode invoice : closed.path("invoices")) {
            String number = invoice.path("number").asString();
            assertRecordedOnce(number);
            asked.add(creates("SalesInvoice", number).size());
            String status = jdbc.sql("SELECT status FROM external_calls WHERE idempotency_key = :key")
                    .param("key", id + ":tax-commit:" + number + ":" + plain(invoice.path("tax")))
                    .query(String.class)
                    .single();
            assertThat(status).isEqualTo("SUCCEEDED");
        }
        // the crashed commit was asked again (AvaTax refused the second: TransactionAlreadyExists)
        assertThat(asked).anySatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
        assertThat(closed.path("activeProcessExceptions")).isEmpty();
        assertThat(closed.path("payment").path("captured").asString()).isEqualTo("614.98");
    }

    // ---- orders and AvaTax requests ----

    /** README's order over two delivery groups in Texas: Austin (ZIP 787xx) and Dallas, one delivery charge each. */
    private static ObjectNode twoGroupOrder(String reference) {
        ObjectNode order = (ObjectNode) JSON.readTree(SampleOrders.withExternalId(reference));
        ArrayNode groups = (ArrayNode) order.path("deliveryGroups");
        groups.addObject().put("id", "DG2").put("method", "GROUND").set("shipTo", JSON.readTree("""
                        {"name": "Acme Dallas", "line1": "1 Elm St", "city": "Dallas", "region": "TX",
                         "postalCode": "75201", "country": "US"}"""));
        ((ArrayNode) order.path("lines"))
                .addObject()
                .put("lineId", "2")
                .put("sku", "BIT-SET-50")
                .put("description", "Bit set, 50 pieces")
                .put("quantity", 2)
                .put("unitPrice", "24.50")
                .put("deliveryGroupId", "DG2");
        ((ArrayNode) order.path("charges"))
                .addObject()
                .put("type", "DELIVERY")
                .put("amount", "10.00")
                .put("deliveryGroupId", "DG2");
        return order;
    }

    private static MappingBuilder quoteOf(String reference) {
        return post(urlPathEqualTo(CREATE))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.type", equalTo("SalesOrder")))
                .withRequestBody(matchingJsonPath("$.referenceCode", containing(reference)));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private List<LoggedRequest> creates(String type, String code) {
        return avatax.findAll(postRequestedFor(urlPathMatching(CREATE))
                .withRequestBody(matchingJsonPath("$.type", equalTo(type)))
                .withRequestBody(matchingJsonPath("$.code", equalTo(code))));
    }

    /**
     * AvaTax recorded the invoice once: one create answered 201; any other (a concurrent run of the invoicing step
     * asks with the same code too, by the external-call protocol) was refused as TransactionAlreadyExists.
     */
    private void assertRecordedOnce(String number) {
        assertThat(FakeAvaTax.fake().isCommitted(number)).isTrue();
        List<String> answers = avatax.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(CREATE))
                .filter(e -> {
                    JsonNode body = JSON.readTree(e.getRequest().getBodyAsString());
                    return body.path("type").asString().equals("SalesInvoice")
                            && body.path("code").asString().equals(number);
                })
                .map(e -> e.getResponse().getStatus() + " "
                        + JSON.readTree(e.getResponse().getBodyAsString())
                                .path("error")
                                .path("code")
                                .asString(""))
                .toList();
        assertThat(answers).as("AvaTax's answers to SalesInvoice %s", number).containsOnlyOnce("201 ");
        assertThat(answers)
                .as("AvaTax's answers to SalesInvoice %s", number)
                .allSatisfy(a -> assertThat(a).isIn("201 ", "400 TransactionAlreadyExists"));
    }

    private static void assertLine(
            JsonNode line,
            String number,
            String itemCode,
            int quantity,
            String amount,
            String taxCode,
            JsonNode shipTo,
            JsonNode shipFrom) {
        assertThat(line.path("number").asString()).isEqualTo(number);
        assertThat(line.path("itemCode").asString()).isEqualTo(itemCode);
        assertThat(line.path("quantity").asInt()).isEqualTo(quantity);
        assertThat(line.path("amount").decimalValue()).isEqualByComparingTo(amount);
        assertThat(line.path("taxCode").asString()).isEqualTo(taxCode);
        assertThat(line.path("addresses").path("shipTo")).isEqualTo(shipTo);
        assertThat(line.path("addresses").path("shipFrom")).isEqualTo(shipFrom);
    }

    private static List<String> taxLines(JsonNode lineOrCharge) {
        return lineOrCharge
                .path("taxLines")
                .valueStream()
                .map(t ->
                        t.path("jurisdiction").asString() + " " + t.path("name").asString() + " "
                                + plain(t.path("rate")) + " " + t.path("amount").asString())
                .toList();
    }

    private static String plain(JsonNode number) {
        return new BigDecimal(number.asString()).stripTrailingZeros().toPlainString();
    }

    // ---- the hub's REST API ----

    private String submit(JsonNode order) {
        HttpResponse<String> response =
                hub.post("/api/orders", HubTestContext.INGEST_KEY, JSON.writeValueAsString(order));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private JsonNode order(String id) {
        HttpResponse<String> response = hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode processException(String number) {
        HttpResponse<String> response = hub.get("/api/process-exceptions/" + number, HubTestContext.OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Waits for the status and condition; fails at once when the order stops in another status. */
    private JsonNode awaitOrder(String id, String status, Predicate<JsonNode> condition) {
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(150)).untilAsserted(() -> {
            JsonNode order = order(id);
            String current = order.path("status").asString();
            if (!current.equals(status) && STOPPED.contains(current)) {
                throw new IllegalStateException("order " + id + " stopped in " + current + " while waiting for "
                        + status + ":\n" + order.toPrettyString());
            }
            assertThat(current).as("status of %s", id).isEqualTo(status);
            assertThat(condition.test(order)).as("condition on %s", order).isTrue();
        });
        return order(id);
    }
}
