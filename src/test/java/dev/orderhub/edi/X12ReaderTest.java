package dev.orderhub.edi;

import static dev.orderhub.edi.Samples.group;
import static dev.orderhub.edi.Samples.in;
import static dev.orderhub.edi.Samples.interchange;
import static dev.orderhub.edi.Samples.po;
import static dev.orderhub.edi.Samples.smallPo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading valid interchanges as partners really send them: separators, line breaks, versions, several groups. */
class X12ReaderTest {

    /** Two groups, three POs: the same content in every style partners use. */
    private static final String CANONICAL = interchange(
            "00401",
            "000000101",
            group("101", "004010", po("PO-1"), smallPo("PO-2")),
            group("102", "004010VICS", smallPo("PO-3")));

    static List<Arguments> styles() {
        return List.of(
                Arguments.of("~ with line breaks, > components", Samples.TILDE_LINES),
                Arguments.of("~ without line breaks, : components", Samples.TILDE_NO_BREAKS),
                Arguments.of("| elements, line feed terminators", Samples.PIPE_NEWLINE),
                Arguments.of("CR LF terminators", Samples.CRLF),
                Arguments.of("^ elements, ! terminators, \\ components", Samples.BANG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void readsSeveralGroupsAndSetsInAnySeparators(String title, Samples.Style style) {
        List<X12Interchange> read = X12Reader.read(in(style, CANONICAL));

        assertThat(read).hasSize(1);
        X12Interchange interchange = read.get(0);
        assertThat(interchange.errors()).isEmpty();
        assertThat(interchange.senderId()).isEqualTo("DEMOPARTNER");
        assertThat(interchange.controlNumber()).isEqualTo("000000101");
        assertThat(interchange.envelope().path("elementSeparator").asString())
                .isEqualTo(String.valueOf(style.element()));
        assertThat(interchange.groups()).extracting(X12Group::controlNumber).containsExactly("101", "102");
        assertThat(interchange.groups())
                .extracting(X12Group::status)
                .containsExactly(AckStatus.ACCEPTED, AckStatus.ACCEPTED);
        assertThat(interchange.groups().get(1).version())
                .as("the first six characters of GS08")
                .isEqualTo("004010");
        assertThat(interchange.sets())
                .extracting(X12TransactionSet::documentNumber)
                .containsExactly("PO-1", "PO-2", "PO-3");
        assertThat(interchange.sets())
                .allSatisfy(set -> assertThat(set.errors()).isEmpty());

        JsonNode po1 = interchange.sets().get(0).json();
        assertThat(po1.path("BEG").path("BEG03").asString()).isEqualTo("PO-1");
        assertThat(po1.path("PO1").get(0).path("PID").get(0).path("PID05").asString())
                .isEqualTo("Cordless drill 18V");
        assertThat(po1.path("group").path("controlNumber").asString()).isEqualTo("101");
        assertThat(po1.path("interchange").path("senderId").asString()).isEqualTo("DEMOPARTNER");
    }

    @Test
    void jsonViewHasLoopsNamedAfterTheirFirstSegmentAndArraysWhereTheSchemaRepeats() {
        ObjectNode json = X12Reader.read(in(Samples.TILDE_LINES, CANONICAL))
                .get(0)
                .sets()
                .get(0)
                .json();

        assertThat(json.path("set").path("id").asString()).isEqualTo("850");
        assertThat(json.path("set").path("controlNumber").asString()).isEqualTo("0001");
        assertThat(json.path("BEG").isObject()).as("BEG occurs once").isTrue();
        assertThat(json.path("BEG").has("BEG04"))
                .as("empty elements are left out")
                .isFalse();
        assertThat(json.path("CUR").path("CUR02").asString()).isEqualTo("USD");
        assertThat(json.path("REF").isArray()).as("REF may repeat").isTrue();
        assertThat(json.path("SAC").get(0).path("SAC05").asString())
                .as("N2 stays as sent")
                .isEqualTo("2000");
        JsonNode shipTo = json.path("N1").get(0);
        assertThat(shipTo.path("N101").asString()).isEqualTo("ST");
        assertThat(shipTo.path("N3").get(0).path("N301").asString()).isEqualTo("9 Dock Rd");
        assertThat(shipTo.path("N4").path("N402").asString()).isEqualTo("TX");
        JsonNode line = json.path("PO1").get(0);
        assertThat(line.path("PO104").asString()).isEqualTo("129.00");
        assertThat(line.path("ids").get(1).path("qualifier").asString()).isEqualTo("UP");
        assertThat(line.path("ids").get(1).path("id").asString()).isEqualTo("012345678905");
        assertThat(line.path("SAC").get(0).path("SAC15").asString()).isEqualTo("contract 5%");
        assertThat(json.path("PO1").get(1).has("PID")).isFalse();
        assertThat(json.path("CTT").path("CTT01").asString()).isEqualTo("2");
    }

    @Test
    void poWithoutLineNumbersAndPriceInCtpAndShipToByCodeIsKeptAsSent() {
        JsonNode json = X12Reader.read(CANONICAL).get(0).sets().get(1).json();

        JsonNode line = json.path("PO1").get(0);
        assertThat(line.has("PO101")).isFalse();
        assertThat(line.has("PO104")).isFalse();
        assertThat(line.path("CTP").get(0).path("CTP03").asString()).isEqualTo("89.99");
        assertThat(json.path("N1").get(0).path("N104").asString()).isEqualTo("0791");
        assertThat(json.path("N1").get(0).has("N3")).isFalse();
    }

    @Test
    void composites_and_repetitions_in_005010() {
        String text = interchange(
                "00501",
                "000000207",
                group(
                        "207",
                        "005010",
                        List.of(
                                "BEG*00*NE*PO-9**20261105",
                                "REF*ZZ*ROUTE 5**DP>042",
                                "N1*ST*Ortiz Workshop",
                                "N3*55 Elm St",
                                "N4*Portland*OR*97205*US",
                                "PO1*10*1*EA*249**UP*012345678929*BP*OW-TS-10",
                                "CTT*1")));

        X12Interchange read = X12Reader.read(in(Samples.PIPE_NEWLINE, text)).get(0);

        assertThat(read.errors()).isEmpty();
        X12TransactionSet set = read.sets().get(0);
        assertThat(set.errors()).isEmpty();
        assertThat(set.version()).isEqualTo("005010");
        JsonNode ref = set.json().path("REF").get(0);
        assertThat(ref.path("REF04").isArray())
                .as("a composite is an array of components")
                .isTrue();
        assertThat(ref.path("REF04").get(0).asString()).isEqualTo("DP");
        assertThat(ref.path("REF04").get(1).asString()).isEqualTo("042");
        assertThat(read.envelope().path("repetitionSeparator").asString()).isEqualTo("^");
        assertThat(read.envelope().path("componentSeparator").asString()).isEqualTo(":");
    }

    @Test
    void rawTextIsTheSetAsReceived() {
        String text = in(Samples.TILDE_LINES, CANONICAL);

        X12TransactionSet second = X12Reader.read(text).get(0).sets().get(1);

        assertThat(second.raw())
                .startsWith("ST*850*0002~\nBEG*00*SA*PO-2**20261102~")
                .endsWith("SE*7*0002~");
        assertThat(text).contains(second.raw());
    }

    @Test
    void readsEveryInterchangeOfAFileAndFromAStream() {
        String two = CANONICAL + interchange("00501", "000000102", group("103", "005010", smallPo("PO-4")));

        List<X12Interchange> read =
                X12Reader.read(new ByteArrayInputStream(("\uFEFF" + two).getBytes(StandardCharsets.UTF_8)));

        assertThat(read).extracting(X12Interchange::controlNumber).containsExactly("000000101", "000000102");
        assertThat(read.get(1).sets())
                .extracting(X12TransactionSet::documentNumber)
                .containsExactly("PO-4");
        assertThat(X12Json.read(new ByteArrayInputStream(two.getBytes(StandardCharsets.UTF_8))))
                .extracting(j -> j.path("BEG").path("BEG03").asString())
                .containsExactly("PO-1", "PO-2", "PO-3", "PO-4");
    }

    @Test
    void keepsNonAsciiText() {
        String text = interchange(
                "00401",
                "000000105",
                group(
                        "105",
                        "004010",
                        List.of(
                                "BEG*00*SA*PO-5**20261102",
                                "N1*ST*Café Müller",
                                "N3*Königstraße 1",
                                "N4*Berlin**10117*DE",
                                "PO1*1*1*EA*5**VP*X",
                                "CTT*1")));

        X12TransactionSet set = X12Reader.read(text).get(0).sets().get(0);

        assertThat(set.errors()).isEmpty();
        assertThat(set.json().path("N1").get(0).path("N102").asString()).isEqualTo("Café Müller");
        assertThat(set.raw()).contains("Königstraße 1").endsWith("SE*8*0001~");
    }

    @Test
    void inputThatIsNoInterchangeIsRefused() {
        assertThatThrownBy(() -> X12Reader.read("hello, this is not X12")).isInstanceOf(X12ReadException.class);
        assertThatThrownBy(() -> X12Reader.read("")).isInstanceOf(X12ReadException.class);
    }
}
