package dev.orderhub.edi;

import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one interchange with StAEDI in a partner's version and separators: ISA, optionally one GS with one ST set,
 * and the trailers with their counts and control numbers. StAEDI validates as it writes, against its envelope schema
 * and orderhub's transaction schema; any violation fails {@link #finish} with every error listed, because a document
 * the partner would reject must never reach the outbox.
 */
final class X12Output {
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private final PartnerEnvelope partner;
    private final ControlNumbers numbers;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final EDIStreamWriter writer;
    private final List<String> errors = new ArrayList<>();
    private final ZonedDateTime now;
    private final long interchangeControl;
    private long groupControl;
    private String setControl;
    private int setSegments;
    private int groups;

    private X12Output(PartnerEnvelope partner, ControlNumbers numbers, Clock clock) {
        this.partner = partner;
        this.numbers = numbers;
        this.now = ZonedDateTime.now(clock);
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(Delimiters.SEGMENT, partner.segmentTerminator());
        factory.setProperty(Delimiters.DATA_ELEMENT, partner.elementSeparator());
        factory.setProperty(Delimiters.COMPONENT_ELEMENT, partner.componentSeparator());
        if (partner.is5010()) {
            factory.setProperty(Delimiters.REPETITION, partner.repetitionSeparator());
        }
        // a line feed after a line-feed terminator would be an empty line
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, partner.lineBreaks() && partner.segmentTerminator() != '\n');
        factory.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
        factory.setErrorReporter((error, w, location, data, reference) -> errors.add(location.getSegmentTag()
                + (location.getElementPosition() > 0 ? String.format("%02d", location.getElementPosition()) : "")
                + " " + error + (data == null || data.length() == 0 ? "" : " '" + data + "'")));
        this.writer = factory.createEDIStreamWriter(bytes);
        this.writer.setControlSchema(X12Schemas.control(partner.controlVersion()));
        this.interchangeControl = numbers.next(partner.partnerId(), ControlNumbers.INTERCHANGE);
        if (interchangeControl < 1 || interchangeControl > 999_999_999L) {
            throw new IllegalStateException("ISA13 " + interchangeControl + " does not fit nine digits");
        }
        try {
            writer.startInterchange();
            segment(
                    "ISA",
                    "00",
                    " ".repeat(10),
                    "00",
                    " ".repeat(10),
                    partner.ourQualifier(),
                    pad(partner.ourId()),
                    partner.theirQualifier(),
                    pad(partner.theirId()),
                    now.format(YYMMDD),
                    now.format(HHMM),
                    partner.is5010() ? String.valueOf(partner.repetitionSeparator()) : "U",
                    partner.controlVersion(),
                    String.format("%09d", interchangeControl),
                    "0",
                    String.valueOf(partner.usage()),
                    String.valueOf(partner.componentSeparator()));
        } catch (EDIStreamException e) {
            throw new IllegalStateException("cannot start an interchange", e);
        }
    }

    /** Starts an interchange for the partner: ISA with the next interchange control number. */
    static X12Output open(PartnerEnvelope partner, ControlNumbers numbers, Clock clock) {
        return new X12Output(partner, numbers, clock);
    }

    /** The clock's date, for documents that carry "today" (BAK09, BSN03, ...). */
    ZonedDateTime now() {
        return now;
    }

    PartnerEnvelope partner() {
        return partner;
    }

    /** Opens a group (GS) and its one transaction set (ST), validated against the set's schema. */
    X12Output begin(String functionalId, String setId) {
        groupControl = numbers.next(partner.partnerId(), ControlNumbers.GROUP);
        setControl = String.format("%04d", numbers.next(partner.partnerId(), ControlNumbers.SET));
        segment(
                "GS",
                functionalId,
                partner.ourGroupId(),
                partner.theirGroupId(),
                now.format(CCYYMMDD),
                now.format(HHMM),
                String.valueOf(groupControl),
                "X",
                partner.version());
        segment("ST", setId, setControl);
        writer.setTransactionSchema(X12Schemas.forSet(setId)
                .orElseThrow(() -> new IllegalArgumentException("no schema for transaction set " + setId)));
        setSegments = 1;
        groups++;
        return this;
    }

    /**
     * Writes a segment. An element is a String (null or empty: left empty; trailing empties are dropped) or a
     * String[] for a composite.
     */
    X12Output segment(String tag, Object... elements) {
        try {
            writer.writeStartSegment(tag);
            for (Object element : elements) {
                if (element instanceof String[] components) {
                    writer.writeStartElement();
                    for (String component : components) {
                        if (component == null || component.isEmpty()) {
                            writer.writeEmptyComponent();
                        } else {
                            writer.writeComponent(component);
                        }
                    }
                    writer.endElement();
                } else if (element == null || element.toString().isEmpty()) {
                    writer.writeEmptyElement();
                } else {
                    writer.writeElement(element.toString());
                }
            }
            writer.writeEndSegment();
        } catch (EDIStreamException e) {
            throw new IllegalStateException("cannot write " + tag + ": " + e.getMessage(), e);
        }
        setSegments++;
        return this;
    }

    /** Closes the set (SE with the segment count) and its group (GE). */
    X12Output end() {
        segment("SE", String.valueOf(setSegments + 1), setControl); // ST and SE count too
        writer.setTransactionSchema(null);
        segment("GE", "1", String.valueOf(groupControl));
        return this;
    }

    /** Closes the interchange (IEA) and returns it, or fails with every validation error StAEDI reported. */
    X12Document finish(String kind) {
        segment("IEA", String.valueOf(groups), String.format("%09d", interchangeControl));
        try {
            writer.endInterchange();
            writer.close();
        } catch (EDIStreamException e) {
            throw new IllegalStateException("cannot finish the interchange", e);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(kind + " for partner " + partner.partnerId()
                    + " would not be valid X12: " + String.join("; ", errors));
        }
        return new X12Document(kind, partner.partnerId(), interchangeControl, bytes.toString(StandardCharsets.UTF_8));
    }

    /** Removes the separators from free text (names, descriptions, copies of bad data): X12 has no escape. */
    String clean(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            boolean separator = c == partner.segmentTerminator()
                    || c == partner.elementSeparator()
                    || c == partner.componentSeparator()
                    || (partner.is5010() && c == partner.repetitionSeparator());
            out.append(separator || Character.isISOControl(c) ? ' ' : c);
        }
        String cleaned = out.toString().strip();
        return cleaned.length() > maxLength ? cleaned.substring(0, maxLength).strip() : cleaned;
    }

    private static String pad(String id) {
        return String.format("%-15s", id);
    }
}
