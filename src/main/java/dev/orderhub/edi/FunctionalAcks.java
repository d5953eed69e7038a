package dev.orderhub.edi;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The content of a 997 (one received functional group) and of a TA1 (one received interchange). */
final class FunctionalAcks {
    private static final int MAX_AK4 = 99;
    private static final int MAX_CODES = 5;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private FunctionalAcks() {}

    /**
     * AK1 for the group; per set an AK2, an AK3 per segment in error (with its AK4s per element), AK5 with the set's
     * verdict and codes; AK9 with the group's verdict and counts.
     */
    static void write997(X12Output out, X12Group group) {
        boolean v5010 = out.partner().is5010();
        out.segment(
                "AK1",
                group.functionalId(),
                group.controlNumber(),
                v5010 ? group.envelope().path("release").asString("") : null);
        for (X12TransactionSet set : group.sets()) {
            if (!echoable(set)) {
                continue; // its ST01/ST02 cannot be repeated in valid X12: AK9 still counts it as rejected
            }
            out.segment(
                    "AK2",
                    set.id(),
                    set.controlNumber(),
                    v5010
                            ? set.json()
                                    .path("set")
                                    .path("implementationReference")
                                    .asString("")
                            : null);
            segmentNotes(out, set.errors());
            List<String> codes = new ArrayList<>();
            set.errors().stream()
                    .filter(e -> e.level() == X12Error.Level.SET)
                    .map(X12Error::x12Code)
                    .filter(Objects::nonNull)
                    .distinct()
                    .forEach(codes::add);
            if (set.status() != AckStatus.ACCEPTED
                    && set.errors().stream()
                            .anyMatch(
                                    e -> e.level() == X12Error.Level.SEGMENT || e.level() == X12Error.Level.ELEMENT)) {
                codes.add("5"); // one or more segments in error
            }
            List<Object> ak5 = new ArrayList<>();
            ak5.add(set.status().code());
            codes.stream().distinct().limit(MAX_CODES).forEach(ak5::add);
            out.segment("AK5", ak5.toArray());
        }
        int received = group.sets().size();
        List<Object> ak9 = new ArrayList<>(List.of(
                group.status().code(),
                String.valueOf(group.declaredSets() >= 0 ? group.declaredSets() : received),
                String.valueOf(received),
                String.valueOf(group.acceptedCount())));
        group.errors().stream()
                .map(X12Error::x12Code)
                .filter(Objects::nonNull)
                .distinct()
                .limit(MAX_CODES)
                .forEach(ak9::add);
        out.segment("AK9", ak9.toArray());
    }

    /** Whether AK201/AK202 can carry the set's ST01 (3 characters) and ST02 (4 to 9). */
    private static boolean echoable(X12TransactionSet set) {
        return set.id() != null
                && set.id().matches("[A-Z0-9]{3}")
                && set.controlNumber() != null
                && set.controlNumber().strip().length() >= 4
                && set.controlNumber().length() <= 9;
    }

    /** One AK3 per segment occurrence in error, in order; its element errors follow as AK4s. */
    private static void segmentNotes(X12Output out, List<X12Error> errors) {
        Map<String, List<X12Error>> bySegment = new LinkedHashMap<>();
        for (X12Error error : errors) {
            if (error.level() == X12Error.Level.SEGMENT || error.level() == X12Error.Level.ELEMENT) {
                bySegment
                        .computeIfAbsent(error.segment() + "@" + error.position(), k -> new ArrayList<>())
                        .add(error);
            }
        }
        for (List<X12Error> notes : bySegment.values()) {
            X12Error first = notes.get(0);
            String code = notes.stream()
                    .filter(e -> e.level() == X12Error.Level.SEGMENT)
                    .map(X12Error::x12Code)
                    .findFirst()
                    .orElse("8"); // 8: segment has data element errors
            out.segment("AK3", first.segment(), String.valueOf(Math.max(first.position(), 1)), null, code);
            notes.stream()
                    .filter(e -> e.level() == X12Error.Level.ELEMENT && e.element() > 0)
                    .limit(MAX_AK4)
                    .forEach(e -> out.segment(
                            "AK4",
                            e.component() > 0
                                    ? new String[] {String.valueOf(e.element()), String.valueOf(e.component())}
                                    : new String[] {String.valueOf(e.element())},
                            e.reference() != null && e.reference().matches("\\d{1,4}") ? e.reference() : null,
                            e.x12Code(),
                            out.clean(e.data(), 99)));
        }
    }

    /**
     * TA1 for a received interchange: TA101-TA103 echo its ISA13, ISA09 and ISA10, TA104 the verdict, TA105 the note
     * code (000 when there is no error).
     */
    static void writeTa1(X12Output out, X12Interchange received, AckStatus status, String noteCode) {
        String control = received.controlNumber().matches("\\d{9}") ? received.controlNumber() : "000000000";
        String date = received.envelope().path("date").asString("");
        String time = received.envelope().path("time").asString("");
        // an ISA too broken to echo is answered with our own date and time, so that the TA1 itself stays valid
        out.segment(
                "TA1",
                control,
                date.matches("\\d{6}") ? date : out.now().format(YYMMDD),
                time.matches("\\d{4}") ? time : out.now().format(HHMM),
                status.code(),
                noteCode);
    }
}
