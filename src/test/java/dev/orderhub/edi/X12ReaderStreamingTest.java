package dev.orderhub.edi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.GeneratedText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A large X12 file is read set by set: each set is handed over before the reader has read more than a small window
 * past its end, so the reader cannot hold more than that window of the file, whatever its size.
 */
class X12ReaderStreamingTest {
    private static final int SETS = 20_000;
    /** What StAEDI's and the decoder's buffers may read ahead: far less than one percent of the file. */
    private static final long WINDOW = 64 * 1024;

    @Test
    void handsOverEachOf20000SetsBeforeReadingFarPastIt() {
        String canonical =
                Samples.interchange("00401", "000000101", Samples.group("101", "004010", Samples.smallPo("PO-1")));
        String header = canonical.substring(0, canonical.indexOf("ST*"));
        GeneratedText file = new GeneratedText(header, n -> set(n), SETS, "GE*" + SETS + "*101~\nIEA*1*000000101~\n");
        List<String> groupsEnded = new ArrayList<>();
        List<String> interchangesEnded = new ArrayList<>();
        int[] handed = {0};
        long[] furthestAhead = {0};

        X12Reader.read(file, new X12Reader.Listener() {
            @Override
            public void set(X12TransactionSet set) {
                int n = ++handed[0];
                assertThat(set.documentNumber()).isEqualTo("PO-" + n);
                assertThat(set.errors()).as("set %s", n).isEmpty();
                assertThat(set.raw()).startsWith("ST*850*" + control(n)).endsWith("SE*7*" + control(n) + "~");
                long ahead = file.bytesRead() - file.endOf(n);
                furthestAhead[0] = Math.max(furthestAhead[0], ahead);
                assertThat(ahead)
                        .as("bytes read past set %s when it is handed over", n)
                        .isLessThan(WINDOW);
            }

            @Override
            public void groupEnd(ObjectNode gs, int declaredSets, List<X12Error> errors) {
                assertThat(errors).isEmpty();
                groupsEnded.add(gs.path("controlNumber").asString() + "/" + declaredSets);
            }

            @Override
            public void interchangeEnd(ObjectNode isa, List<X12Error> errors) {
                assertThat(errors).isEmpty();
                interchangesEnded.add(isa.path("controlNumber").asString());
            }
        });

        assertThat(handed[0]).isEqualTo(SETS);
        assertThat(groupsEnded).containsExactly("101/" + SETS);
        assertThat(interchangesEnded).containsExactly("000000101");
        assertThat(file.bytesRead())
                .as("the file is %s bytes", file.bytesRead())
                .isGreaterThan(30 * WINDOW);
    }

    private static String set(int n) {
        StringBuilder text = new StringBuilder("ST*850*" + control(n) + "~\n");
        Samples.smallPo("PO-" + n).forEach(segment -> text.append(segment).append("~\n"));
        return text.append("SE*7*").append(control(n)).append("~\n").toString();
    }

    private static String control(int n) {
        return String.format("%09d", n);
    }
}
