package dev.orderhub.tax;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.Postgres;
import dev.orderhub.support.SampleOrders;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connector type made of files alone: the shipped type {@code tax/http} (a route template file, its schema and the
 * connector file {@code connectors/tax/http.yaml}, no Java of its own) against a tax service that speaks the hub's
 * tax contract — here a WireMock server charging 10 % on every line and charge. The order is quoted once, taxed from
 * the answer, and each invoice committed once with its idempotency key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = HttpTaxServiceIT.Context.class)
@DirtiesContext
class HttpTaxServiceIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "test-tax-key-" + UUID.randomUUID();
    private static final BigDecimal RATE = new BigDecimal("0.10");
    private static final WireMockServer SERVICE = service();

    @LocalServerPort
    int port;

    HubClient hub;

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void anOrderIsQuotedByTheServiceAndEachInvoiceCommittedOnce() {
        String externalOrderId = "HTTP-TAX-" + UUID.randomUUID();
        HttpResponse<String> posted =
                hub.post("/api/orders", HubTestContext.INGEST_KEY, SampleOrders.withExternalId(externalOrderId));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = JSON.readTree(posted.body()).path("id").asString();

        JsonNode closed = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> order(id), o -> "CLOSED".equals(o.path("status").asString()));

        List<LoggedRequest> quotes = requestsFor("/v1/quotes", id);
        assertThat(quotes).hasSize(1);
        assertThat(quotes.get(0).getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode quote = JSON.readTree(quotes.get(0).getBodyAsString());
        assertThat(quote.path("code").asString()).isEqualTo(id);
        BigDecimal tax = BigDecimal.ZERO;
        for (JsonNode line : closed.path("lines")) {
            JsonNode taxLine = line.path("taxLines").get(0);
            assertThat(taxLine.path("name").asString()).isEqualTo("Contract sales tax");
            BigDecimal asked = quote.path("lines")
                    .valueStream()
                    .filter(l -> l.path("lineId")
                            .asString()
                            .equals(line.path("lineId").asString()))
                    .map(l -> new BigDecimal(l.path("amount").asString()))
                    .findFirst()
                    .orElseThrow();
            assertThat(new BigDecimal(taxLine.path("amount").asString())).isEqualByComparingTo(tenPercent(asked));
            tax = tax.add(new BigDecimal(taxLine.path("amount").asString()));
        }
        for (JsonNode charge : closed.path("charges")) {
            tax = tax.add(
                    new BigDecimal(charge.path("taxLines").get(0).path("amount").asString()));
        }
        assertThat(new BigDecimal(closed.path("totals").path("tax").asString())).isEqualByComparingTo(tax);

        assertThat(closed.path("invoices").size()).isPositive();
        for (JsonNode invoice : closed.path("invoices")) {
            String number = invoice.path("number").asString();
            List<LoggedRequest> commits = requestsFor("/v1/commits", number);
            assertThat(commits).as("commits of %s", number).hasSize(1);
            JsonNode commit = JSON.readTree(commits.get(0).getBodyAsString());
            assertThat(commits.get(0).getHeader("Idempotency-Key"))
                    .isEqualTo(commit.path("idempotencyKey").asString())
                    .contains(id, number);
            assertThat(new BigDecimal(commit.path("tax").asString()))
                    .isEqualByComparingTo(invoice.path("tax").asString());
        }
    }

    private JsonNode order(String id) {
        return JSON.readTree(
                hub.get("/api/orders/" + id, HubTestContext.OPERATOR_KEY).body());
    }

    /** The requests to a path whose body names {@code code} (the order id of a quote, the invoice of a commit). */
    private static List<LoggedRequest> requestsFor(String path, String code) {
        return SERVICE.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .filter(r -> code.equals(
                        JSON.readTree(r.getBodyAsString()).path("code").asString()))
                .toList();
    }

    private static BigDecimal tenPercent(BigDecimal amount) {
        return amount.multiply(RATE).setScale(2, RoundingMode.HALF_EVEN);
    }

    private static WireMockServer service() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new ContractTax()));
        server.start();
        server.stubFor(post(urlPathMatching("/v1/(quotes|commits|voids)"))
                .willReturn(aResponse().withTransformers(ContractTax.NAME)));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    /** A tax service speaking the hub's contract: 10 % on every line and charge; a reference for each document. */
    static final class ContractTax implements ResponseDefinitionTransformerV2 {
        static final String NAME = "contract-tax";

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
            JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
            ObjectNode answer = JSON.createObjectNode();
            if (event.getRequest().getUrl().endsWith("/quotes")) {
                ArrayNode lines = answer.putArray("lines");
                request.path("lines")
                        .forEach(l -> taxed(
                                lines.addObject().put("lineId", l.path("lineId").asString()), l));
                ArrayNode charges = answer.putArray("charges");
                request.path("charges")
                        .forEach(c -> taxed(
                                charges.addObject().put("index", c.path("index").asInt()), c));
            } else {
                answer.put(
                        "reference",
                        "DOC-"
                                + request.path("code")
                                        .asString(request.path("reference").asString()));
            }
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(answer.toString())
                    .build();
        }

        private static void taxed(ObjectNode answered, JsonNode asked) {
            answered.putArray("taxLines")
                    .addObject()
                    .put("jurisdiction", "US")
                    .put("name", "Contract sales tax")
                    .put("rate", RATE.toPlainString())
                    .put(
                            "amount",
                            tenPercent(new BigDecimal(asked.path("amount").asString()))
                                    .toPlainString());
        }
    }

    /** The hub with the http tax type active, pointed at the service by its variables; its own database. */
    static class Context extends HubTestContext {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            TestPropertyValues.of(
                            "spring.datasource.url=" + Postgres.newDatabase("httptax"),
                            "orderhub.files.enabled=false",
                            "orderhub.connectors.tax=http",
                            "ORDERHUB_TAX_URL=" + SERVICE.baseUrl(),
                            "ORDERHUB_TAX_KEY=" + KEY)
                    .applyTo(context);
        }
    }
}
