package dev.orderhub.console;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * An EDI document sent to a partner, read from its text: kind, interchange and group control numbers, whether it
 * left, and for an acknowledgement (997, TA1) the received control number it answers with its status code.
 */
public record EdiSummary(
        long id,
        String kind,
        String subject,
        String interchangeControl,
        String groupControl,
        String acknowledges,
        String ackStatus,
        Instant createdAt,
        Instant sentAt,
        Instant parkedAt) {
    private static final int ISA_LENGTH = 106;

    static EdiSummary of(ConsoleQueries.EdiRow row) {
        String text = row.payload() == null ? "" : row.payload().strip();
        String[] isa = new String[0];
        String[] gs = new String[0];
        String acknowledges = null;
        String ackStatus = null;
        if (text.startsWith("ISA") && text.length() >= ISA_LENGTH) {
            String element = Pattern.quote(String.valueOf(text.charAt(3)));
            for (String segment : text.split(Pattern.quote(String.valueOf(text.charAt(ISA_LENGTH - 1))))) {
                String[] e = segment.strip().split(element, -1);
                switch (e[0]) {
                    case "ISA" -> isa = e;
                    case "GS" -> gs = e;
                    case "AK1" -> acknowledges = at(e, 2);
                    case "AK9" -> ackStatus = at(e, 1);
                    case "TA1" -> {
                        acknowledges = at(e, 1);
                        ackStatus = at(e, 4);
                    }
                    default -> {}
                }
            }
        }
        return new EdiSummary(
                row.id(),
                row.kind(),
                row.subject(),
                at(isa, 13),
                at(gs, 6),
                acknowledges,
                ackStatus,
                row.createdAt(),
                row.sentAt(),
                row.parkedAt());
    }

    private static String at(String[] elements, int index) {
        return index < elements.length ? elements[index].strip() : null;
    }
}
