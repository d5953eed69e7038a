package dev.orderhub.edi;

import static dev.orderhub.edi.Samples.group;
import static dev.orderhub.edi.Samples.interchange;
import static dev.orderhub.edi.Samples.po;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderhub.edi.X12Error.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Broken interchanges: each problem is reported on the interchange, group or set it belongs to, with the segment, its
 * position, the element and the X12 code an acknowledgment needs, and the sets that are fine stay usable.
 */
class X12ValidationTest {

    private static X12Interchange read(String text) {
        List<X12Interchange> read = X12Reader.read(text);
        assertThat(read).hasSize(1);
        return read.get(0);
    }

    private static String oneGroup(List<String> first, List<String> second) {
        return interchange("00401", "000000101", group("101", "004010", first, second));
    }

    private static List<String> without(List<String> body, String prefix) {
        List<String> copy = new ArrayList<>(body);
        copy.removeIf(s -> s.startsWith(prefix));
        return copy;
    }

    private static List<String> with(List<String> body, int at, String segment) {
        List<String> copy = new ArrayList<>(body);
        copy.add(at, segment);
        return copy;
    }

    @Test
    void missingBegRejectsTheSetAndNamesTheSegment() {
        X12Interchange read = read(oneGroup(without(po("PO-1"), "BEG"), po("PO-2")));

        X12TransactionSet broken = read.sets().get(0);
        assertThat(broken.status()).isEqualTo(AckStatus.REJECTED);
        assertThat(broken.errors())
                .extracting(X12Error::level, X12Error::segment, X12Error::position, X12Error::error, X12Error::x12Code)
                .containsExactly(tuple(Level.SEGMENT, "BEG", 2, "MANDATORY_SEGMENT_MISSING", "3"));
        assertThat(read.sets().get(1).status()).as("the other PO of the group").isEqualTo(AckStatus.ACCEPTED);
        assertThat(read.groups().get(0).status()).isEqualTo(AckStatus.PARTIALLY_ACCEPTED);
        assertThat(read.errors()).isEmpty();
    }

    @Test
    void wrongSegmentCountInSe() {
        String text = oneGroup(po("PO-1"), po("PO-2")).replace("SE*17*0001", "SE*15*0001");

        X12TransactionSet set = read(text).sets().get(0);

        assertThat(set.status()).isEqualTo(AckStatus.REJECTED);
        assertThat(set.errors())
                .extracting(
                        X12Error::level,
                        X12Error::segment,
                        X12Error::position,
                        X12Error::element,
                        X12Error::error,
                        X12Error::x12Code,
                        X12Error::data)
                .containsExactly(tuple(Level.SET, "SE", 17, 1, "CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT", "4", "15"));
    }

    @Test
    void setControlNumberMismatchBetweenStAndSe() {
        String text = oneGroup(po("PO-1"), po("PO-2")).replace("SE*17*0002", "SE*17*0009");

        X12Interchange read = read(text);

        assertThat(read.sets().get(0).errors()).isEmpty();
        assertThat(read.sets().get(1).errors())
                .extracting(X12Error::segment, X12Error::element, X12Error::error, X12Error::x12Code, X12Error::data)
                .containsExactly(tuple("SE", 2, "CONTROL_REFERENCE_MISMATCH", "3", "0009"));
    }

    @Test
    void groupControlNumberMismatchBetweenGsAndGe() {
        X12Interchange read = read(oneGroup(po("PO-1"), po("PO-2")).replace("GE*2*101", "GE*2*109"));

        X12Group group = read.groups().get(0);
        assertThat(group.status()).isEqualTo(AckStatus.REJECTED);
        assertThat(group.errors())
                .extracting(X12Error::level, X12Error::segment, X12Error::element, X12Error::error, X12Error::x12Code)
                .containsExactly(tuple(Level.GROUP, "GE", 2, "CONTROL_REFERENCE_MISMATCH", "4"));
        assertThat(group.sets()).allSatisfy(set -> assertThat(set.accepted()).isTrue());
    }

    @Test
    void groupSetCountMismatch() {
        X12Group group = read(oneGroup(po("PO-1"), po("PO-2")).replace("GE*2*101", "GE*3*101"))
                .groups()
                .get(0);

        assertThat(group.declaredSets()).isEqualTo(3);
        assertThat(group.errors())
                .extracting(X12Error::segment, X12Error::element, X12Error::x12Code)
                .containsExactly(tuple("GE", 1, "5"));
    }

    @Test
    void interchangeControlNumberMismatchBetweenIsaAndIea() {
        X12Interchange read = read(oneGroup(po("PO-1"), po("PO-2")).replace("IEA*1*000000101", "IEA*1*000000999"));

        assertThat(read.status()).isEqualTo(AckStatus.REJECTED);
        assertThat(read.noteCode())
                .as("TA105 001: control numbers do not match")
                .isEqualTo("001");
        assertThat(read.errors())
                .extracting(X12Error::level, X12Error::segment, X12Error::element, X12Error::error, X12Error::data)
                .containsExactly(tuple(Level.INTERCHANGE, "IEA", 2, "CONTROL_REFERENCE_MISMATCH", "000000999"));
    }

    @Test
    void interchangeGroupCountMismatch() {
        X12Interchange read = read(oneGroup(po("PO-1"), po("PO-2")).replace("IEA*1*", "IEA*2*"));

        assertThat(read.noteCode())
                .as("TA105 021: invalid number of included groups")
                .isEqualTo("021");
    }

    @Test
    void invalidIsaCodeValueIsAnInterchangeError() {
        X12Interchange read = read(oneGroup(po("PO-1"), po("PO-2")).replace("*0*T*>", "*0*X*>"));

        assertThat(read.errors())
                .extracting(X12Error::segment, X12Error::element, X12Error::error, X12Error::x12Code)
                .containsExactly(tuple("ISA", 15, "INVALID_CODE_VALUE", "020"));
    }

    @Test
    void unknownSegmentIsReportedAndTheSetAcceptedWithErrors() {
        X12TransactionSet set = read(oneGroup(with(po("PO-1"), 3, "ZZZ*SOMETHING"), po("PO-2")))
                .sets()
                .get(0);

        assertThat(set.status()).isEqualTo(AckStatus.ACCEPTED_WITH_ERRORS);
        assertThat(set.errors())
                .extracting(X12Error::level, X12Error::segment, X12Error::position, X12Error::x12Code)
                .containsExactly(tuple(Level.SEGMENT, "ZZZ", 5, "6"));
        assertThat(set.json().path("ZZZ").get(0).path("ZZZ01").asString())
                .as("kept in the view where it stood")
                .isEqualTo("SOMETHING");
        assertThat(set.json().path("BEG").path("BEG03").asString()).isEqualTo("PO-1");
    }

    @Test
    void badElementsNameSegmentPositionElementAndCode() {
        List<String> body = new ArrayList<>(po("PO-1"));
        body.set(0, "BEG*00*SA*PO-1**20261340"); // no 13th month
        body.set(body.indexOf("N4*Austin*TX*78744"), "N4*A*TX*78744"); // city shorter than 2
        body.set(body.indexOf("PO1*2*10*EA*4.5**VP*BIT-SET-10"), "PO1*2*10*EA*4.5**VP"); // qualifier without id

        X12TransactionSet set = read(oneGroup(body, po("PO-2"))).sets().get(0);

        assertThat(set.status()).isEqualTo(AckStatus.REJECTED);
        assertThat(set.errors())
                .extracting(
                        X12Error::level,
                        X12Error::segment,
                        X12Error::position,
                        X12Error::element,
                        X12Error::reference,
                        X12Error::error,
                        X12Error::x12Code)
                .containsExactly(
                        tuple(Level.ELEMENT, "BEG", 2, 5, "373", "INVALID_DATE", "8"),
                        tuple(Level.ELEMENT, "N4", 11, 1, "19", "DATA_ELEMENT_TOO_SHORT", "4"),
                        tuple(Level.ELEMENT, "PO1", 15, 7, "234", "CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING", "2"));
        assertThat(set.errors().get(0).describe()).isEqualTo("BEG05 (373) at segment 2: INVALID_DATE [8] '20261340'");
    }

    @Test
    void elementLengthsFollowTheVersion() {
        String longRef = "REF*DP*" + "R".repeat(40);
        String in4010 = interchange("00401", "000000101", group("101", "004010", with(po("PO-1"), 2, longRef)));
        String in5010 = interchange("00501", "000000101", group("101", "005010", with(po("PO-1"), 2, longRef)));

        assertThat(read(in4010).sets().get(0).errors())
                .extracting(X12Error::segment, X12Error::error)
                .containsExactly(tuple("REF", "DATA_ELEMENT_TOO_LONG"));
        assertThat(read(in5010).sets().get(0).errors())
                .as("REF02 is 1/50 from 005010")
                .isEmpty();
    }

    @Test
    void missingSeBeforeTheNextStRejectsBoth() {
        String text = oneGroup(po("PO-1"), po("PO-2")).replace("SE*17*0001~\n", "");

        X12Interchange read = read(text);

        assertThat(read.sets()).hasSize(2);
        assertThat(read.sets().get(0).errors())
                .extracting(X12Error::level, X12Error::segment, X12Error::x12Code)
                .containsExactly(tuple(Level.SET, "SE", "2"));
        assertThat(read.sets().get(0).raw()).endsWith("CTT*2~").doesNotContain("0002");
        assertThat(read.sets().get(1).accepted()).isFalse();
    }

    @Test
    void missingSeAtTheEndOfTheGroup() {
        String text = interchange("00401", "000000101", group("101", "004010", po("PO-1")))
                .replace("SE*17*0001~\n", "");

        X12TransactionSet set = read(text).sets().get(0);

        assertThat(set.errors())
                .extracting(X12Error::level, X12Error::segment, X12Error::error, X12Error::x12Code)
                .containsExactly(tuple(Level.SET, "SE", "TRANSACTION_SET_TRAILER_MISSING", "2"));
    }

    @Test
    void missingGe() {
        String text = interchange("00401", "000000101", group("101", "004010", po("PO-1")))
                .replace("GE*1*101~\n", "");

        X12Interchange read = read(text);

        assertThat(read.groups().get(0).errors())
                .extracting(X12Error::segment, X12Error::x12Code)
                .containsExactly(tuple("GE", "3"));
        assertThat(read.sets().get(0).accepted()).isTrue();
    }

    @Test
    void truncatedFileKeepsWhatWasReadAndSaysWhereItStopped() {
        String text = interchange("00401", "000000101", group("101", "004010", po("PO-1"), po("PO-2")));
        String truncated = text.substring(0, text.indexOf("ST*850*0002"));

        X12Interchange read = read(truncated);

        assertThat(read.sets()).extracting(X12TransactionSet::documentNumber).containsExactly("PO-1");
        assertThat(read.sets().get(0).accepted()).isTrue();
        assertThat(read.groups().get(0).errors()).extracting(X12Error::x12Code).containsExactly("3");
        assertThat(read.noteCode()).as("TA105 023: premature end of file").isEqualTo("023");
    }

    @Test
    void aSetWithoutSchemaIsRejectedAsNotSupported() {
        String text = interchange("00401", "000000101", "860", group("101", "004010", po("PO-1")));

        X12TransactionSet set = read(text).sets().get(0);

        assertThat(set.status()).isEqualTo(AckStatus.REJECTED);
        assertThat(set.errors()).extracting(X12Error::level, X12Error::x12Code).containsExactly(tuple(Level.SET, "1"));
        assertThat(set.json().path("BEG").get(0).path("BEG03").asString())
                .as("still viewable, segments as arrays")
                .isEqualTo("PO-1");
    }
}
