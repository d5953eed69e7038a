package dev.orderhub.edi.e2e;

import static dev.orderhub.edi.e2e.EdiKit.awaitMoved;
import static dev.orderhub.edi.e2e.EdiKit.awaitOrder;
import static dev.orderhub.edi.e2e.EdiKit.drop;
import static dev.orderhub.edi.e2e.EdiKit.groupControl;
import static dev.orderhub.edi.e2e.EdiKit.isa13;
import static dev.orderhub.edi.e2e.EdiKit.po;
import static dev.orderhub.edi.e2e.OutboundChecks.SFTP_TEST;
import static dev.orderhub.edi.e2e.X12Sample.fullPo;
import static dev.orderhub.edi.e2e.X12Sample.interchange;
import static dev.orderhub.edi.e2e.X12Sample.po850;
import static dev.orderhub.edi.e2e.X12Sample.po850With5010Reference;
import static dev.orderhub.edi.e2e.X12Sample.tersePo;
import static dev.orderhub.support.HubOrders.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.edi.e2e.EdiKit.Outbox;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.Sftp;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Partners write X12 with whatever separators their ISA declares: {@code ~} with or without line breaks, a line feed
 * as the terminator, CR LF, {@code !} or an apostrophe; {@code *}, {@code |}, {@code ^} or {@code +} between elements;
 * {@code :}, {@code >} or {@code \} between components (REF04 is a composite). Each style, sent over SFTP, gives the
 * same orders, a 997 accepting every set and an 855 per PO — in the separators partner sftp-test's profile asks for,
 * whatever it sent.
 */
@HubTest
class SftpEdiSeparatorsIT {
    private static final String CHANNEL = "sftp-test";

    @LocalServerPort
    int port;

    HubClient hub;
    Path in;
    Outbox out;

    @BeforeEach
    void connect() {
        hub = new HubClient(port);
        in = Sftp.root().resolve("in");
        out = new Outbox(Sftp.root().resolve("out"));
    }

    static Stream<X12Sample.Style> styles() {
        return Stream.of(
                X12Sample.TILDE_LINES,
                X12Sample.TILDE_NO_BREAKS,
                X12Sample.NEWLINE_PIPE,
                X12Sample.TILDE_CRLF,
                X12Sample.BANG,
                X12Sample.APOSTROPHE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void anyDeclaredSeparatorsGiveTheSameOrdersAndAcknowledgments(X12Sample.Style style) {
        String fullNumber = po("E2E-SEP");
        String terseNumber = po("E2E-SEPT");
        String isa = isa13();
        String group = groupControl();
        X12Sample.Set full = po850With5010Reference("0001", fullPo(fullNumber, "DRILL-18V", 1, "GLOVES-L", 2));
        X12Sample.Set terse = po850("0002", tersePo(terseNumber, "0791", "BIT-SET-50", 2, "GLOVES-L", 1));
        String text = interchange("SFTPPARTNER", "00501", isa)
                .group(group, "005010", full, terse)
                .in(style);
        assertThat(text).as("the sample really is in its style").startsWith("ISA" + style.element() + "00");
        String file = "sep-" + isa + ".x12";

        drop(in, file, text);

        String fullId = awaitOrder(hub, CHANNEL, fullNumber);
        String terseId = awaitOrder(hub, CHANNEL, terseNumber);
        awaitMoved(in, file, ".done");
        OutboundChecks.acceptsAll(out.await997(group), SFTP_TEST, group, "005010", List.of(full, terse));

        JsonNode fullOrder = order(hub, fullId);
        assertThat(fullOrder.path("lines")).hasSize(2);
        assertThat(fullOrder.path("lines").path(0).path("sku").asString()).isEqualTo("DRILL-18V");
        assertThat(fullOrder.path("lines").path(1).path("sku").asString()).isEqualTo("GLOVES-L");
        assertThat(fullOrder.path("lines").path(1).path("quantity").asInt()).isEqualTo(2);
        assertThat(fullOrder.path("buyer").path("phone").asString()).isEqualTo("1-555-0100");
        assertThat(fullOrder
                        .path("deliveryGroups")
                        .path(0)
                        .path("shipTo")
                        .path("postalCode")
                        .asString())
                .isEqualTo("94607");
        JsonNode terseOrder = order(hub, terseId);
        assertThat(terseOrder.path("lines").path(1).path("lineId").asString()).isEqualTo("2");
        assertThat(new BigDecimal(
                        terseOrder.path("lines").path(1).path("unitPrice").asString()))
                .isEqualByComparingTo("7.25");
        assertThat(terseOrder
                        .path("deliveryGroups")
                        .path(0)
                        .path("shipTo")
                        .path("name")
                        .asString())
                .isEqualTo("Test Store 0791");

        for (String id : List.of(fullId, terseId)) {
            JsonNode accepted = order(hub, id);
            OutboundChecks.acceptance855(
                    out.await855(accepted.path("externalOrderId").asString()), SFTP_TEST, accepted, "20261102");
        }
    }
}
