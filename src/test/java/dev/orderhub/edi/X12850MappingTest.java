package dev.orderhub.edi;

import static dev.orderhub.edi.Samples.group;
import static dev.orderhub.edi.Samples.interchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.mapping.Mappings;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderJson;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.order.OrderValidator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The x12-850 mapping: every example under {@code mappings/x12-850/examples} (read with {@link X12Reader}, mapped
 * set by set with the case's bindings) gives its expected orders and valid canonical orders; and the cases a partner
 * profile decides.
 */
class X12850MappingTest {
    private static final Path FOLDER = Path.of("mappings", "x12-850");
    private static final JsonMapper JSON = OrderJson.mapper();
    private static final OrderValidator VALIDATOR = new OrderValidator(JSON);
    private static Mappings mappings;

    /** Only this mapping, so that another mapping being edited elsewhere cannot fail these tests. */
    @BeforeAll
    static void loadMapping(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("x12-850"));
        Files.copy(FOLDER.resolve("x12-850.jsonata"), dir.resolve("x12-850").resolve("x12-850.jsonata"));
        mappings = new Mappings(dir);
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER.resolve("examples"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".input.edi")).sorted().toList().stream();
        }
    }

    private static Map<String, Object> bindings(Path file) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        if (Files.exists(file)) {
            JSON.readTree(file.toFile()).properties().forEach(e -> bindings.put(e.getKey(), e.getValue()));
        }
        return bindings;
    }

    private static JsonNode map(ObjectNode set, Map<String, Object> bindings) {
        return JSON.readTree(JSON.writeValueAsString(mappings.transform("x12-850", set, bindings)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleMapsToItsExpectedOrders(Path input) throws IOException {
        String name = input.getFileName().toString().replace(".input.edi", "");
        List<X12Interchange> read;
        try (InputStream in = Files.newInputStream(input)) {
            read = X12Reader.read(in);
        }
        Map<String, Object> bindings = bindings(input.resolveSibling(name + ".bindings.json"));

        List<X12TransactionSet> sets =
                read.stream().flatMap(i -> i.sets().stream()).toList();
        assertThat(sets).as("sets of %s", name).isNotEmpty().allSatisfy(set -> {
            assertThat(set.errors()).isEmpty();
            assertThat(set.id()).isEqualTo("850");
        });
        List<JsonNode> orders =
                sets.stream().map(set -> map(set.json(), bindings)).toList();

        JsonNode expected =
                JSON.readTree(input.resolveSibling(name + ".expected.json").toFile());
        assertThat(JSON.valueToTree(orders).toPrettyString()).isEqualTo(expected.toPrettyString());
        for (JsonNode order : orders) {
            assertThatCode(() -> VALIDATOR.parse(order))
                    .as("%s %s is a valid canonical order", name, order.path("poNumber"))
                    .doesNotThrowAnyException();
        }
    }

    private static ObjectNode onePo(List<String> body) {
        return X12Reader.read(interchange("00401", "000000101", group("101", "004010", body)))
                .get(0)
                .sets()
                .get(0)
                .json();
    }

    private static Map<String, Object> partner(String json) {
        return Map.of("partner", JSON.readTree(json));
    }

    @Test
    void unknownShipToCodeIsNamedNeverDefaulted() {
        ObjectNode po = onePo(Samples.smallPo("PO-77"));

        JsonNode order = map(
                po,
                partner("{\"id\": \"demo\", \"currency\": \"USD\", \"paymentTerms\": \"NET30\","
                        + " \"addressBook\": {\"0100\": {\"line1\": \"1 Elsewhere\", \"city\": \"Austin\", \"region\": \"TX\","
                        + " \"country\": \"US\"}}}"));

        assertThat(order.path("unresolvedShipTo").asString()).isEqualTo("0791");
        assertThat(order.path("deliveryGroups").get(0).has("shipTo")).isFalse();
        assertThatThrownBy(() -> VALIDATOR.parse(order))
                .isInstanceOf(OrderValidationException.class)
                .hasMessageContaining("deliveryGroups[0].shipTo");
    }

    @Test
    void shipToCodeWithItsOwnAddressIsNotLookedUp() {
        ObjectNode po = onePo(List.of(
                "BEG*00*SA*PO-78**20261102",
                "N1*ST*Store 12*92*0791",
                "N3*12 Main St",
                "N4*Austin*TX*78701",
                "PO1*1*1*EA*5**VP*A",
                "CTT*1"));

        JsonNode order = map(
                po,
                partner(
                        "{\"id\": \"demo\", \"currency\": \"USD\", \"paymentTerms\": \"NET30\","
                                + " \"addressBook\": {\"0791\": {\"line1\": \"BOOK\", \"city\": \"X\", \"country\": \"US\"}}}"));

        assertThat(order.path("deliveryGroups")
                        .get(0)
                        .path("shipTo")
                        .path("line1")
                        .asString())
                .isEqualTo("12 Main St");
        assertThat(order.has("unresolvedShipTo")).isFalse();
    }

    @Test
    void partnerDefaultsFillWhatThePoLacks() {
        ObjectNode po = onePo(List.of(
                "BEG*00*SA*PO-79**20261102",
                "N1*ST*Store",
                "N3*1 Rue",
                "N4*Montreal*QC*H2X",
                "PO1**3*EA*2.5**UP*0001*BP*B-1*VA*V-1",
                "CTT*1"));

        Order order = VALIDATOR.parse(map(
                po,
                partner("{\"id\": \"maple\", \"currency\": \"CAD\","
                        + " \"paymentTerms\": \"NET60\", \"accountId\": \"M-1\", \"accountName\": \"Maple\"}")));

        assertThat(order.currency()).isEqualTo("CAD");
        assertThat(order.payment().terms()).isEqualTo("NET60");
        assertThat(order.account().accountId()).isEqualTo("M-1");
        assertThat(order.channel()).isEqualTo("maple");
        assertThat(order.deliveryGroups().get(0).shipTo().country())
                .as("inferred from QC")
                .isEqualTo("CA");
        OrderLine line = order.lines().get(0);
        assertThat(line.lineId()).isEqualTo("1");
        assertThat(line.sku()).as("VA before BP and UP by default").isEqualTo("V-1");
        assertThat(line.productIds())
                .containsExactlyInAnyOrderEntriesOf(Map.of("UP", "0001", "BP", "B-1", "VA", "V-1"));
        assertThat(line.unitPrice()).isEqualByComparingTo("2.50");
    }

    @Test
    void missingTermsWithNoPartnerDefaultFailsValidationByName() {
        ObjectNode po = onePo(List.of(
                "BEG*00*SA*PO-80**20261102",
                "N1*ST*Store",
                "N3*1 Main",
                "N4*Austin*TX*78701",
                "PO1*1*1*EA*5**VP*A",
                "CTT*1"));

        JsonNode order = map(po, partner("{\"id\": \"bare\"}"));

        assertThatThrownBy(() -> VALIDATOR.parse(order))
                .isInstanceOf(OrderValidationException.class)
                .hasMessageContaining("payment.terms")
                .hasMessageContaining("currency");
    }

    @Test
    void headerAndLineSacBecomeChargesAndAdjustments() {
        ObjectNode po = onePo(List.of(
                "BEG*00*SA*PO-81**20261102",
                "CUR*BY*USD",
                "SAC*C*D240***1500",
                "SAC*A*C310***500",
                "SAC*C*H090***100",
                "N1*ST*Store",
                "N3*1 Main",
                "N4*Austin*TX*78701",
                "PO1*1*2*EA*10**VP*A",
                "SAC*A*C310***150",
                "SAC*C*D500***250",
                "CTT*1"));

        Order order = VALIDATOR.parse(map(po, partner("{\"id\": \"demo\", \"paymentTerms\": \"NET30\"}")));

        assertThat(order.charges())
                .extracting(c -> c.type() + " " + c.amount().toPlainString())
                .containsExactly("DELIVERY 15.00", "OTHER 1.00", "HANDLING 2.50", "DISCOUNT -5.00");
        assertThat(order.lines().get(0).adjustments())
                .extracting(a -> a.type() + " " + a.amount().toPlainString() + " " + a.reason())
                .containsExactly("DISCOUNT -1.50 C310");
    }

    /** The whole exchange for one file: 850 in, orders out, 997 and 855 back, each read back valid. */
    @Test
    void fromPurchaseOrderToAcknowledgments() throws IOException {
        Path input = FOLDER.resolve("examples").resolve("two-groups-tilde-004010.input.edi");
        X12Interchange received = X12Reader.read(Files.readString(input)).get(0);
        Map<String, Object> bindings = bindings(input.resolveSibling("two-groups-tilde-004010.bindings.json"));
        PartnerEnvelope partner = PartnerEnvelope.answering("demo", received);
        X12Writer writer = new X12Writer(
                new InMemoryControlNumbers(), Clock.fixed(Instant.parse("2026-11-02T10:15:00Z"), ZoneOffset.UTC));

        for (X12Group group : received.groups()) {
            X12Document ack = writer.functionalAck997(partner, group);
            X12TransactionSet read = X12Reader.read(ack.text()).get(0).sets().get(0);
            assertThat(read.errors()).isEmpty();
            assertThat(read.json().path("AK9").path("AK901").asString()).isEqualTo("A");
        }
        for (X12TransactionSet set : received.sets()) {
            Order order = VALIDATOR.parse(map(set.json(), bindings));
            List<PoAck.Line> lines = order.lines().stream()
                    .map(l -> new PoAck.Line(
                            l.lineId(),
                            l.quantity(),
                            l.quantity(),
                            PoAck.LineStatus.ACCEPTED,
                            l.unitPrice(),
                            l.sku(),
                            l.productIds()))
                    .toList();
            LocalDate poDate = order.orderedAt().atZone(ZoneOffset.UTC).toLocalDate();
            X12Document ack =
                    writer.poAck855(partner, new PoAck(order.poNumber(), poDate, PoAck.Status.ACCEPTED, lines));
            X12TransactionSet read = X12Reader.read(ack.text()).get(0).sets().get(0);
            assertThat(read.errors()).isEmpty();
            assertThat(read.documentNumber()).isEqualTo(set.documentNumber());
            JsonNode firstLine = read.json().path("PO1").get(0);
            assertThat(firstLine.path("PO101").asString())
                    .isEqualTo(order.lines().get(0).lineId());
            assertThat(new BigDecimal(firstLine.path("PO104").asString()))
                    .isEqualByComparingTo(order.lines().get(0).unitPrice());
        }
    }
}
