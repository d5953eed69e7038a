package dev.orderhub.edi.e2e;

import static dev.orderhub.edi.e2e.EdiKit.QUIET;
import static dev.orderhub.edi.e2e.EdiKit.WAIT;
import static dev.orderhub.edi.e2e.EdiKit.awaitEdiException;
import static dev.orderhub.edi.e2e.EdiKit.awaitMoved;
import static dev.orderhub.edi.e2e.EdiKit.awaitOrder;
import static dev.orderhub.edi.e2e.EdiKit.drop;
import static dev.orderhub.edi.e2e.EdiKit.ediExceptions;
import static dev.orderhub.edi.e2e.EdiKit.ediExceptionsSince;
import static dev.orderhub.edi.e2e.EdiKit.groupControl;
import static dev.orderhub.edi.e2e.EdiKit.isa13;
import static dev.orderhub.edi.e2e.EdiKit.po;
import static dev.orderhub.edi.e2e.EdiKit.ta1;
import static dev.orderhub.edi.e2e.OutboundChecks.SFTP_TEST;
import static dev.orderhub.edi.e2e.X12Sample.interchange;
import static dev.orderhub.edi.e2e.X12Sample.po850;
import static dev.orderhub.edi.e2e.X12Sample.smallPo;
import static dev.orderhub.support.HubOrders.orderCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.edi.e2e.EdiKit.Doc;
import dev.orderhub.edi.e2e.EdiKit.Outbox;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.Sftp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The interchange as a whole, over SFTP: the same interchange again is acknowledged again but never processed twice;
 * an unknown sender is refused with a TA1 and a process exception; envelope errors (ISA/IEA, GS/GE control numbers
 * that do not match) are answered with a TA1 or a rejecting 997, are process exceptions, and make no orders.
 */
@HubTest
class SftpEdiEnvelopeIT {
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

    @Test
    void twoInterchangesInOneFileAreEachReadAndAcknowledged() {
        String first = po("E2E-IC1");
        String second = po("E2E-IC2");
        String firstGroup = groupControl();
        String secondGroup = groupControl();
        X12Sample.Set a = po850("0001", smallPo(first, "GLOVES-L", 1));
        X12Sample.Set b = po850("0001", smallPo(second, "GLOVES-L", 2));
        String text = interchange("SFTPPARTNER", "00501", isa13())
                        .group(firstGroup, "005010", a)
                        .in(X12Sample.TILDE_LINES)
                + interchange("SFTPPARTNER", "00501", isa13())
                        .group(secondGroup, "005010", b)
                        .in(X12Sample.TILDE_LINES);
        String file = "two-interchanges-" + firstGroup + ".edi";

        drop(in, file, text);

        OutboundChecks.acceptsAll(out.await997(firstGroup), SFTP_TEST, firstGroup, "005010", List.of(a));
        OutboundChecks.acceptsAll(out.await997(secondGroup), SFTP_TEST, secondGroup, "005010", List.of(b));
        awaitOrder(hub, CHANNEL, first);
        awaitOrder(hub, CHANNEL, second);
        awaitMoved(in, file, ".done");
    }

    /**
     * A group rejected for its GE (control number) that also holds a broken set: the 997 rejects the group, no order
     * is made of the good set, and the group's failure is still an EDI process exception (every failure of an
     * inbound interchange or set is one) — not only the broken set's — so that the good PO does not vanish
     * unrecorded.
     */
    @Test
    void aRejectedGroupWithABrokenSetIsStillRecordedAsAGroupFailure() {
        String good = po("E2E-GEOK");
        String broken = po("E2E-GEBAD");
        String isa = isa13();
        String group = groupControl();
        List<String> brokenBody = smallPo(broken, "GLOVES-L", 1).stream()
                .map(s -> s.startsWith("BEG*") ? "BEG*00*SA*" + broken + "**20261399" : s)
                .toList();
        String canonical = interchange("SFTPPARTNER", "00501", isa)
                .group(group, "005010", po850("0001", smallPo(good, "GLOVES-L", 1)), po850("0002", brokenBody))
                .canonical()
                .replace("GE*2*" + group, "GE*2*9" + group);
        String file = "ge-broken-" + isa + ".edi";
        Instant start = Instant.now();

        drop(in, file, X12Sample.in(X12Sample.TILDE_LINES, canonical));

        Doc ack = out.await997(group);
        assertThat(EdiKit.text(ack.json().path("AK9"), "AK901"))
                .as("AK901 in %s", ack)
                .isEqualTo("R");
        awaitMoved(in, file, ".done");

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(ediExceptions(hub, start, broken))
                .as("the broken set's process exception")
                .hasSize(1);
        soft.assertThat(ediExceptionsSince(hub, start))
                .as(
                        "a process exception for the rejected group or its good PO"
                                + " (externalReference ISA13 %s or PO %s)",
                        isa, good)
                .anyMatch(pe ->
                        Set.of(isa, good).contains(pe.path("externalReference").asString()));
        soft.assertThat(orderCount(hub, CHANNEL, good))
                .as("orders from a group the 997 rejects")
                .isZero();
        soft.assertAll();
    }

    /** SFTP servers allow long file names; partners' systems make them (sender, set, timestamps, ids). */
    @Test
    void aFileWithALongNameIsReadAndAcknowledgedLikeAnyOther() {
        String poNumber = po("E2E-LONGN");
        String isa = isa13();
        String group = groupControl();
        X12Sample.Set set = po850("0001", smallPo(poNumber, "GLOVES-L", 1));
        String file = "SFTPPARTNER_ORDERHUB_850_005010_" + isa + "_20261102T093000Z_" + UUID.randomUUID() + "_"
                + UUID.randomUUID() + "_batch-0001-of-0001.edi";
        assertThat(file.length()).isGreaterThan(140).isLessThan(200);

        drop(
                in,
                file,
                interchange("SFTPPARTNER", "00501", isa)
                        .group(group, "005010", set)
                        .in(X12Sample.TILDE_LINES));

        await("file " + file + " read")
                .atMost(WAIT)
                .until(() -> !Files.exists(in.resolve(file))
                        && (Files.exists(in.resolve(".done").resolve(file))
                                || Files.exists(in.resolve(".error").resolve(file))));
        assertThat(Files.exists(in.resolve(".error").resolve(file)))
                .as("moved to .error instead of .done")
                .isFalse();
        OutboundChecks.acceptsAll(out.await997(group), SFTP_TEST, group, "005010", List.of(set));
        awaitOrder(hub, CHANNEL, poNumber);
    }

    @Test
    void theSameInterchangeAgainUnderAnotherNameIsAcknowledgedAgainButMakesNoSecondOrder() {
        String poNumber = po("E2E-DUP");
        String isa = isa13();
        String group = groupControl();
        X12Sample.Set set = po850("0001", smallPo(poNumber, "GLOVES-L", 1));
        String text = interchange("SFTPPARTNER", "00501", isa)
                .group(group, "005010", set)
                .in(X12Sample.TILDE_LINES);

        drop(in, "dup-" + isa + "-a.edi", text);
        String id = awaitOrder(hub, CHANNEL, poNumber);
        OutboundChecks.acceptsAll(out.await997(group), SFTP_TEST, group, "005010", List.of(set));
        out.await855(poNumber);
        awaitMoved(in, "dup-" + isa + "-a.edi", ".done");

        drop(in, "dup-" + isa + "-b.edi", text);

        List<Doc> acks = out.awaitDocs(
                "997",
                "a second 997 for group " + group,
                2,
                d -> group.equals(EdiKit.text(d.json().path("AK1"), "AK102")));
        OutboundChecks.acceptsAll(acks.get(1), SFTP_TEST, group, "005010", List.of(set));
        assertThat(acks.get(1).interchange().controlNumber())
                .as("a new interchange")
                .isNotEqualTo(acks.get(0).interchange().controlNumber());
        awaitMoved(in, "dup-" + isa + "-b.edi", ".done");
        await("still one order and one 855")
                .during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> orderCount(hub, CHANNEL, poNumber) == 1
                        && out.all855(poNumber).size() == 1);
        assertThat(HubOrders.orderId(hub, CHANNEL, poNumber)).contains(id);
    }

    /**
     * A PO number the partner already sent, in a new interchange (another ISA13): the interchange is new, so it is
     * read and acknowledged, but the PO is a duplicate order (channel = partner, externalOrderId = PO number) and is
     * answered as the REST contract answers one — the existing order, nothing stored twice, no process exception.
     */
    @Test
    void aPoNumberSentAgainInANewInterchangeIsTheSameOrder() {
        String poNumber = po("E2E-PODUP");
        String firstGroup = groupControl();
        String secondGroup = groupControl();
        X12Sample.Set set = po850("0001", smallPo(poNumber, "GLOVES-L", 1));
        Instant start = Instant.now();

        String firstIsa = isa13();
        drop(
                in,
                "podup-" + firstIsa + ".edi",
                interchange("SFTPPARTNER", "00501", firstIsa)
                        .group(firstGroup, "005010", set)
                        .in(X12Sample.TILDE_LINES));
        String id = awaitOrder(hub, CHANNEL, poNumber);
        out.await855(poNumber);

        String secondIsa = isa13();
        String second = "podup-" + secondIsa + ".edi";
        drop(
                in,
                second,
                interchange("SFTPPARTNER", "00501", secondIsa)
                        .group(secondGroup, "005010", set)
                        .in(X12Sample.TILDE_LINES));

        OutboundChecks.acceptsAll(out.await997(secondGroup), SFTP_TEST, secondGroup, "005010", List.of(set));
        awaitMoved(in, second, ".done");
        assertThat(orderCount(hub, CHANNEL, poNumber)).isEqualTo(1);
        assertThat(HubOrders.orderId(hub, CHANNEL, poNumber)).contains(id);
        assertThat(ediExceptions(hub, start, poNumber))
                .as("a duplicate is not a failure")
                .isEmpty();
        await("still one 855")
                .during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> out.all855(poNumber).size() == 1);
    }

    @Test
    void theSameFileSentAgainUnderItsOwnNameIsAcknowledgedAgainButMakesNoSecondOrder() {
        String poNumber = po("E2E-RESEND");
        String isa = isa13();
        String group = groupControl();
        X12Sample.Set set = po850("0001", smallPo(poNumber, "GLOVES-L", 1));
        String text = interchange("SFTPPARTNER", "00501", isa)
                .group(group, "005010", set)
                .in(X12Sample.TILDE_LINES);
        String file = "resend-" + isa + ".edi";

        drop(in, file, text);
        awaitOrder(hub, CHANNEL, poNumber);
        out.await997(group);
        awaitMoved(in, file, ".done");

        // the partner did not see the 997 and sends the very same file again, later: a new delivery (SFTP tells
        // modification times in whole seconds, so the resend carries a later one, as a real resend does)
        drop(in, file, text, Instant.now().plusSeconds(2));
        List<Doc> acks = await("a second 997 for the resent interchange (group " + group + ")")
                .atMost(WAIT)
                .until(() -> out.acks997(group), found -> found.size() >= 2);
        assertThat(acks).hasSize(2);
        OutboundChecks.acceptsAll(acks.get(1), SFTP_TEST, group, "005010", List.of(set));
        assertThat(orderCount(hub, CHANNEL, poNumber)).isEqualTo(1);
    }

    /**
     * An interchange is the same only with the same sender, receiver, ISA13, usage indicator and date: a partner that
     * moves from test to production, or restarts its numbers a year later, sends new interchanges; the production
     * one sent again is still acknowledged again and makes no second order.
     */
    @Test
    void anIsa13UsedAgainInProductionOrOnAnotherDateIsANewInterchange() {
        String isa = isa13();
        String testPo = po("E2E-TEST");
        String productionPo = po("E2E-PROD");
        String nextYearPo = po("E2E-NEXTYR");
        String testGroup = groupControl();
        String productionGroup = groupControl();
        String nextYearGroup = groupControl();
        String production = interchange("SFTPPARTNER", "00501", isa)
                .usage("P")
                .group(productionGroup, "005010", po850("0001", smallPo(productionPo, "GLOVES-L", 1)))
                .in(X12Sample.TILDE_LINES);

        drop(
                in,
                "scope-" + isa + "-test.edi",
                interchange("SFTPPARTNER", "00501", isa)
                        .group(testGroup, "005010", po850("0001", smallPo(testPo, "GLOVES-L", 1)))
                        .in(X12Sample.TILDE_LINES));
        awaitOrder(hub, CHANNEL, testPo);
        awaitMoved(in, "scope-" + isa + "-test.edi", ".done");

        drop(in, "scope-" + isa + "-production.edi", production);
        String productionId = awaitOrder(hub, CHANNEL, productionPo);
        out.await997(productionGroup);
        awaitMoved(in, "scope-" + isa + "-production.edi", ".done");

        drop(
                in,
                "scope-" + isa + "-next-year.edi",
                interchange("SFTPPARTNER", "00501", isa)
                        .dated("271102")
                        .group(nextYearGroup, "005010", po850("0001", smallPo(nextYearPo, "GLOVES-L", 1)))
                        .in(X12Sample.TILDE_LINES));
        awaitOrder(hub, CHANNEL, nextYearPo);
        awaitMoved(in, "scope-" + isa + "-next-year.edi", ".done");

        drop(in, "scope-" + isa + "-production-again.edi", production);
        out.awaitDocs(
                "997",
                "a second 997 for group " + productionGroup,
                2,
                d -> productionGroup.equals(EdiKit.text(d.json().path("AK1"), "AK102")));
        awaitMoved(in, "scope-" + isa + "-production-again.edi", ".done");
        await("still one order and one 855")
                .during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> orderCount(hub, CHANNEL, productionPo) == 1
                        && out.all855(productionPo).size() == 1);
        assertThat(HubOrders.orderId(hub, CHANNEL, productionPo)).contains(productionId);
    }

    @Test
    void anInterchangeFromAnUnknownSenderIsRefusedWithATa1AndAProcessException() {
        String poNumber = po("E2E-STRANGER");
        String isa = isa13();
        String group = groupControl();
        String text = interchange("STRANGER", "00501", isa)
                .group(group, "005010", po850("0001", smallPo(poNumber, "GLOVES-L", 1)))
                .in(X12Sample.TILDE_LINES);
        String file = "stranger-" + isa + ".edi";
        Instant start = Instant.now();

        drop(in, file, text);

        Doc ta1 = out.awaitTa1(isa);
        OutboundChecks.isa(ta1, SFTP_TEST, "STRANGER");
        assertThat(ta1.interchange().errors()).as("the TA1 reads back clean").isEmpty();
        assertThat(ta1.interchange().groups())
                .as("a TA1 interchange has no group")
                .isEmpty();
        assertThat(ta1(ta1))
                .as("TA101-TA105: control number, date and time of the refused interchange, R, 006")
                .containsExactly(isa, "261102", "0930", "R", "006");
        JsonNode exception = awaitEdiException(hub, start, isa);
        assertThat(exception.path("category").asString()).isEqualTo("EDI");
        assertThat(exception.path("message").asString()).contains("STRANGER").contains(CHANNEL);
        assertThat(exception.path("original").path("body").asString())
                .as("the refused envelope")
                .isNotBlank();

        awaitMoved(in, file, ".done");
        assertThat(orderCount(hub, CHANNEL, poNumber)).isZero();
        assertThat(out.acks997(group)).as("no 997 for a sender we do not know").isEmpty();
    }

    @Test
    void interchangeControlNumbersThatDoNotMatchAreRefusedWithATa1AndAProcessExceptionAndMakeNoOrders() {
        String poNumber = po("E2E-IEA");
        String isa = isa13();
        String group = groupControl();
        String canonical = interchange("SFTPPARTNER", "00501", isa)
                .group(group, "005010", po850("0001", smallPo(poNumber, "GLOVES-L", 1)))
                .canonical()
                .replace("IEA*1*" + isa, "IEA*1*999999999");
        String file = "iea-" + isa + ".edi";
        Instant start = Instant.now();

        drop(in, file, X12Sample.in(X12Sample.TILDE_LINES, canonical));

        Doc ta1 = out.awaitTa1(isa);
        OutboundChecks.isa(ta1, SFTP_TEST, "SFTPPARTNER");
        assertThat(ta1(ta1))
                .as("TA104 R, TA105 001: the control numbers in ISA and IEA do not match")
                .containsExactly(isa, "261102", "0930", "R", "001");
        awaitMoved(in, file, ".done"); // read to the end: whatever the file makes, it has made by now

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(ediExceptions(hub, start, isa))
                .as("an EDI process exception with externalReference = ISA13 %s" + " for the rejected interchange", isa)
                .isNotEmpty();
        soft.assertThat(orderCount(hub, CHANNEL, poNumber))
                .as("orders from an interchange the TA1 rejects")
                .isZero();
        soft.assertAll();
    }

    @Test
    void groupControlNumbersThatDoNotMatchAreRejectedByThe997AreAProcessExceptionAndMakeNoOrders() {
        String first = po("E2E-GE1");
        String second = po("E2E-GE2");
        String isa = isa13();
        String group = groupControl();
        String canonical = interchange("SFTPPARTNER", "00501", isa)
                .group(
                        group,
                        "005010",
                        po850("0001", smallPo(first, "GLOVES-L", 1)),
                        po850("0002", smallPo(second, "GLOVES-L", 1)))
                .canonical()
                .replace("GE*2*" + group, "GE*2*9" + group);
        String file = "ge-" + isa + ".edi";
        Instant start = Instant.now();

        drop(in, file, X12Sample.in(X12Sample.TILDE_LINES, canonical));

        Doc ack = out.await997(group);
        OutboundChecks.envelope(ack, SFTP_TEST, "FA", "997");
        JsonNode ak9 = ack.json().path("AK9");
        assertThat(EdiKit.text(ak9, "AK901"))
                .as("AK901: the group is rejected, in %s", ack)
                .isEqualTo("R");
        assertThat(List.of(EdiKit.text(ak9, "AK905"), EdiKit.text(ak9, "AK906")))
                .as("AK905: 4, control numbers")
                .contains("4");
        awaitMoved(in, file, ".done"); // read to the end: whatever the file makes, it has made by now

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(ediExceptionsSince(hub, start))
                .as(
                        "an EDI process exception for the rejected group"
                                + " (externalReference: ISA13 %s or a PO number)",
                        isa)
                .anyMatch(pe -> Set.of(isa, first, second)
                        .contains(pe.path("externalReference").asString()));
        soft.assertThat(orderCount(hub, CHANNEL, first) + orderCount(hub, CHANNEL, second))
                .as("orders from a group the 997 rejects (AK9*R)")
                .isZero();
        soft.assertAll();
    }
}
