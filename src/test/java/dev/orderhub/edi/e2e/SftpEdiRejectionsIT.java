package dev.orderhub.edi.e2e;

import static dev.orderhub.edi.e2e.EdiKit.QUIET;
import static dev.orderhub.edi.e2e.EdiKit.awaitEdiException;
import static dev.orderhub.edi.e2e.EdiKit.awaitMoved;
import static dev.orderhub.edi.e2e.EdiKit.awaitOrder;
import static dev.orderhub.edi.e2e.EdiKit.drop;
import static dev.orderhub.edi.e2e.EdiKit.ediExceptions;
import static dev.orderhub.edi.e2e.EdiKit.groupControl;
import static dev.orderhub.edi.e2e.EdiKit.isa13;
import static dev.orderhub.edi.e2e.EdiKit.po;
import static dev.orderhub.edi.e2e.OutboundChecks.SFTP_TEST;
import static dev.orderhub.edi.e2e.X12Sample.interchange;
import static dev.orderhub.edi.e2e.X12Sample.po850;
import static dev.orderhub.edi.e2e.X12Sample.smallPo;
import static dev.orderhub.edi.e2e.X12Sample.tersePo;
import static dev.orderhub.support.HubOrders.order;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.edi.e2e.EdiKit.Doc;
import dev.orderhub.edi.e2e.EdiKit.Outbox;
import dev.orderhub.edi.e2e.OutboundChecks.ElementNote;
import dev.orderhub.edi.e2e.OutboundChecks.SegmentNote;
import dev.orderhub.edi.e2e.OutboundChecks.SetAck;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.Sftp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Broken 850s over SFTP. Each sample is an interchange whose group holds the broken set (ST02 0001) beside a good
 * one (0002): the 997 rejects the broken set (AK5*R) and names the segment (AK3: id, position in the set, code) and,
 * where an element is at fault, the element (AK4: position, data element number, code, copy of the bad data); the
 * rejected set becomes an EDI process exception whose externalReference is the PO number (BEG03), or the ISA13 when
 * the PO number is what is missing; the good PO of the same group still becomes an order. A segment the 850 does not
 * define is noted (AK5*E) but the PO is used. A ship-to code missing from the address book is a process exception
 * that names the code.
 */
@HubTest
class SftpEdiRejectionsIT {
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

    /** What a broken sample does to the small 850 (body from BEG to CTT), and what the 997 must then say. */
    record Broken(
            String name,
            X12Sample.Style style,
            Function<List<String>, List<String>> body,
            Function<String, String> canonical,
            String ak501,
            List<String> ak5Codes,
            List<SegmentNote> notes,
            boolean referenceIsIsa13,
            String messagePart) {
        @Override
        public String toString() {
            return name + " (" + style + ")";
        }
    }

    static Stream<Broken> brokenSamples() {
        return Stream.of(
                new Broken(
                        "missing BEG",
                        X12Sample.TILDE_LINES,
                        body -> without(body, "BEG"),
                        t -> t,
                        "R",
                        List.of("5"),
                        List.of(new SegmentNote("BEG", "2", "3", List.of())),
                        true,
                        "MANDATORY_SEGMENT_MISSING"),
                new Broken(
                        "wrong SE segment count",
                        X12Sample.NEWLINE_PIPE,
                        body -> body,
                        t -> t.replace("SE*8*0001", "SE*6*0001"),
                        "R",
                        List.of("4"),
                        List.of(),
                        false,
                        "CONTROL_COUNT"),
                new Broken(
                        "ST02 and SE02 do not match",
                        X12Sample.TILDE_NO_BREAKS,
                        body -> body,
                        t -> t.replace("SE*8*0001", "SE*8*0999"),
                        "R",
                        List.of("3"),
                        List.of(),
                        false,
                        "CONTROL_REFERENCE_MISMATCH"),
                new Broken(
                        "bad elements: BEG05 no date, N401 too short",
                        X12Sample.TILDE_CRLF,
                        body -> replace(replace(body, "BEG*", "BEG*00*SA*{PO}**20261340"), "N4*", "N4*A*TX*78701*US"),
                        t -> t,
                        "R",
                        List.of("5"),
                        List.of(
                                new SegmentNote("BEG", "2", "8", List.of(new ElementNote("5", "373", "8", "20261340"))),
                                new SegmentNote("N4", "5", "8", List.of(new ElementNote("1", "19", "4", "A")))),
                        false,
                        "INVALID_DATE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSamples")
    void aBrokenSetIsRejectedByItsNamedErrorsAndTheGoodSetBesideItIsUsed(Broken broken) {
        String brokenPo = po("E2E-BAD");
        String goodPo = po("E2E-GOOD");
        String isa = isa13();
        String group = groupControl();
        List<String> brokenBody = broken.body().apply(smallPo(brokenPo, "GLOVES-L", 1)).stream()
                .map(s -> s.replace("{PO}", brokenPo))
                .toList();
        X12Sample sample = interchange("SFTPPARTNER", "00501", isa)
                .group(group, "005010", po850("0001", brokenBody), po850("0002", smallPo(goodPo, "GLOVES-L", 2)));
        String file = "broken-" + isa + ".edi";
        Instant start = Instant.now();

        drop(in, file, X12Sample.in(broken.style(), broken.canonical().apply(sample.canonical())));

        Doc ack = out.await997(group);
        OutboundChecks.ak1Ak9(ack, SFTP_TEST, group, "005010", "P", 2, 2, 1);
        List<SetAck> acks = OutboundChecks.setAcks(ack);
        assertThat(acks).as("AK2 per set in %s", ack).hasSize(2);
        SetAck rejected = acks.get(0);
        assertThat(rejected.id()).isEqualTo("850");
        assertThat(rejected.control()).isEqualTo("0001");
        assertThat(rejected.status()).as("AK501 in %s", ack).isEqualTo(broken.ak501());
        assertThat(rejected.codes()).as("AK502 in %s", ack).containsAll(broken.ak5Codes());
        assertThat(rejected.notes()).as("AK3/AK4 in %s", ack).containsExactlyElementsOf(broken.notes());
        assertThat(acks.get(1))
                .as("the good set")
                .extracting(SetAck::control, SetAck::status, SetAck::notes)
                .containsExactly("0002", "A", List.of());

        String reference = broken.referenceIsIsa13() ? isa : brokenPo;
        JsonNode exception = awaitEdiException(hub, start, reference);
        assertThat(exception.path("category").asString()).isEqualTo("EDI");
        assertThat(exception.path("status").asString()).isEqualTo("NEW");
        assertThat(exception.path("attachedTo").isNull()
                        || exception.path("attachedTo").isMissingNode())
                .as("no order was made: %s", exception.path("attachedTo"))
                .isTrue();
        assertThat(exception.path("message").asString()).contains("850").contains(broken.messagePart());
        assertThat(exception.path("source").path("position").asString())
                .contains(file)
                .contains("interchange " + isa)
                .contains("group " + group)
                .contains("set 0001");
        String element = String.valueOf(broken.style().element());
        assertThat(exception.path("original").path("body").asString())
                .as("the raw set, as the partner sent it")
                .startsWith("ST" + element + "850" + element + "0001")
                .doesNotContain("0002");

        String good = awaitOrder(hub, CHANNEL, goodPo);
        assertThat(order(hub, good).path("lines").path(0).path("quantity").asInt())
                .isEqualTo(2);
        awaitMoved(in, file, ".done");
        assertThat(orderCount(hub, CHANNEL, brokenPo))
                .as("no order from the rejected set")
                .isZero();
        assertThat(ediExceptions(hub, start, goodPo))
                .as("no process exception for the good PO")
                .isEmpty();
        assertThat(ediExceptions(hub, start, reference))
                .as("one process exception for the broken set")
                .hasSize(1);
    }

    @Test
    void aSegmentThe850DoesNotDefineIsNotedAndThePurchaseOrderStillBecomesAnOrder() {
        String noisyPo = po("E2E-ZZZ");
        String goodPo = po("E2E-GOOD");
        String isa = isa13();
        String group = groupControl();
        List<String> noisy = new ArrayList<>(smallPo(noisyPo, "GLOVES-L", 3));
        noisy.add(4, "ZZZ*SOMETHING*ELSE"); // after N4: position 6 in the set (ST = 1)
        X12Sample sample = interchange("SFTPPARTNER", "00501", isa)
                .group(group, "005010", po850("0001", noisy), po850("0002", smallPo(goodPo, "GLOVES-L", 1)));
        String file = "noisy-" + isa + ".edi";
        Instant start = Instant.now();

        drop(in, file, sample.in(X12Sample.TILDE_LINES));

        Doc ack = out.await997(group);
        OutboundChecks.ak1Ak9(ack, SFTP_TEST, group, "005010", "E", 2, 2, 2);
        List<SetAck> acks = OutboundChecks.setAcks(ack);
        assertThat(acks).hasSize(2);
        assertThat(acks.get(0).status())
                .as("AK501 accepted with errors in %s", ack)
                .isEqualTo("E");
        assertThat(acks.get(0).notes())
                .as("AK3 names the segment where it stood")
                .hasSize(1);
        SegmentNote note = acks.get(0).notes().get(0);
        assertThat(note.segment()).isEqualTo("ZZZ");
        assertThat(note.position()).isEqualTo("6");
        assertThat(note.code())
                .as("AK304: unrecognized / unexpected / not in the defined set")
                .isIn("1", "2", "6");
        assertThat(note.elements()).isEmpty();
        assertThat(acks.get(1).status()).isEqualTo("A");

        String id = awaitOrder(hub, CHANNEL, noisyPo);
        assertThat(order(hub, id).path("lines").path(0).path("quantity").asInt())
                .isEqualTo(3);
        awaitOrder(hub, CHANNEL, goodPo);
        awaitMoved(in, file, ".done");
        assertThat(ediExceptions(hub, start, noisyPo))
                .as("noted, not a failure")
                .isEmpty();
    }

    @Test
    void anUnknownShipToCodeIsAProcessExceptionNamingTheCodeAndNoOrder() {
        String unknownPo = po("E2E-SHIPTO");
        String goodPo = po("E2E-GOOD");
        String isa = isa13();
        String group = groupControl();
        X12Sample.Set unknown = po850("0001", tersePo(unknownPo, "9931", "GLOVES-L", 1, "BIT-SET-50", 1));
        X12Sample.Set known = po850("0002", tersePo(goodPo, "0791", "GLOVES-L", 1, "BIT-SET-50", 1));
        X12Sample sample = interchange("SFTPPARTNER", "00501", isa).group(group, "005010", unknown, known);
        String file = "shipto-" + isa + ".edi";
        Instant start = Instant.now();

        drop(in, file, sample.in(X12Sample.TILDE_LINES));

        Doc ack = out.await997(group);
        OutboundChecks.acceptsAll(ack, SFTP_TEST, group, "005010", List.of(unknown, known));
        JsonNode exception = awaitEdiException(hub, start, unknownPo);
        assertThat(exception.path("category").asString()).isEqualTo("EDI");
        assertThat(exception.path("message").asString()).as("names the code").contains("9931");
        assertThat(exception.path("source").path("position").asString())
                .contains(file)
                .contains("set 0001");
        assertThat(exception.path("original").path("body").asString()).contains("N1*ST**92*9931");

        String good = awaitOrder(hub, CHANNEL, goodPo);
        assertThat(order(hub, good)
                        .path("deliveryGroups")
                        .path(0)
                        .path("shipTo")
                        .path("city")
                        .asString())
                .isEqualTo("San Francisco");
        awaitMoved(in, file, ".done");
        await("no order for the unknown ship-to")
                .during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> orderCount(hub, CHANNEL, unknownPo) == 0);
        assertThat(out.all855(unknownPo)).as("no 855 either").isEmpty();
    }

    /**
     * Replay (README, Process exceptions, dead letters and replay): a retry of an exception with no order resubmits
     * its original to the source route, and may carry a corrected original. The operator fixes the unknown ship-to code in the held set (9932 -> 0791) and
     * retries: the PO becomes its order and the exception is resolved.
     */
    @Test
    void anEdiProcessExceptionRetriedWithACorrectedSetBecomesTheOrder() {
        String poNumber = po("E2E-REPLAY");
        String isa = isa13();
        String group = groupControl();
        X12Sample.Set set = po850("0001", tersePo(poNumber, "9932", "GLOVES-L", 1, "BIT-SET-50", 1));
        String file = "replay-" + isa + ".edi";
        Instant start = Instant.now();

        drop(
                in,
                file,
                interchange("SFTPPARTNER", "00501", isa)
                        .group(group, "005010", set)
                        .in(X12Sample.TILDE_LINES));
        JsonNode exception = awaitEdiException(hub, start, poNumber);
        String original = exception.path("original").path("body").asString();
        assertThat(original).contains("9932");
        awaitMoved(in, file, ".done");

        String corrected = original.replace("9932", "0791");
        var response = hub.post(
                "/api/process-exceptions/" + exception.path("number").asString() + "/retry",
                EdiKit.OPERATOR,
                EdiKit.JSON.writeValueAsString(Map.of("correctedBody", corrected)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        String id = awaitOrder(hub, CHANNEL, poNumber);
        assertThat(order(hub, id)
                        .path("deliveryGroups")
                        .path(0)
                        .path("shipTo")
                        .path("name")
                        .asString())
                .isEqualTo("Test Store 0791");
        await("process exception resolved by the retry")
                .atMost(EdiKit.WAIT)
                .until(() -> HubOrders.json(
                                hub.get(
                                        "/api/process-exceptions/"
                                                + exception.path("number").asString(),
                                        EdiKit.OPERATOR),
                                200)
                        .path("status")
                        .asString()
                        .equals("RESOLVED"));
    }

    private static List<String> without(List<String> body, String tag) {
        return body.stream().filter(s -> !s.startsWith(tag + "*")).toList();
    }

    private static List<String> replace(List<String> body, String prefix, String segment) {
        return body.stream().map(s -> s.startsWith(prefix) ? segment : s).toList();
    }
}
