package dev.orderhub.edi;

import dev.orderhub.order.PersonalData;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads X12 with StAEDI, validating the envelope (StAEDI's control schema) and each transaction set orderhub has an
 * implementation schema for ({@code edi/x12-<set>.xml}: 850, 855, 856, 810, 997). Any separators the ISA declares
 * are accepted, with or without line breaks after segments; a file may hold several interchanges, each with several
 * groups of several sets.
 *
 * <p>Nothing is thrown for a broken set or envelope: every problem becomes an {@link X12Error} on the interchange,
 * group or set it belongs to, so that the caller can acknowledge it (997, TA1) and keep the sets that are fine.
 * Only input with no readable ISA throws {@link X12ReadException}.
 */
public final class X12Reader {
    private static final Set<String> ENVELOPE = Set.of("ISA", "GS", "ST", "SE", "GE", "IEA");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private final EDIStreamReader reader;
    private final List<X12Interchange> interchanges = new ArrayList<>();
    private ObjectNode isa;
    private int isaPosition;
    private List<X12Group> groups;
    private List<X12Error> interchangeErrors;
    private ObjectNode gs;
    private int declaredSets;
    private List<X12TransactionSet> sets;
    private List<X12Error> groupErrors;
    private X12Json json;
    private String setId;
    private String setControl;
    private int stPosition;
    private int rawStart;
    private List<X12Error> setErrors;
    private boolean envelopeSegment;
    private final List<String> fields = new ArrayList<>();
    private int lastSegmentEnd;

    private X12Reader(String text, EDIStreamReader reader) {
        this.text = text;
        this.reader = reader;
    }

    /** Reads every interchange in the stream (read fully; X12 files are small). */
    public static List<X12Interchange> read(InputStream in) {
        try {
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every interchange in the text. */
    public static List<X12Interchange> read(String input) {
        String text = input.startsWith("\uFEFF") ? input.substring(1) : input;
        // the byte stream is the text re-encoded, so that StAEDI's character offsets index into `text`
        EDIStreamReader stream = X12Schemas.validatingInput().createEDIStreamReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        X12Reader session = new X12Reader(text, stream);
        try {
            while (stream.hasNext()) {
                session.on(stream.next());
            }
        } catch (EDIStreamException | RuntimeException broken) {
            if (session.isa == null && session.interchanges.isEmpty()) {
                throw new X12ReadException("not an X12 interchange: " + PersonalData.scrub(broken.getMessage()), broken);
            }
            session.truncated(); // still open: the error's location is read from the stream
        }
        return List.copyOf(session.interchanges);
    }

    private void on(EDIStreamEvent event) {
        Location at = reader.getLocation();
        switch (event) {
            case START_INTERCHANGE -> {
                isa = null;
                groups = new ArrayList<>();
                interchangeErrors = new ArrayList<>();
            }
            case START_GROUP -> {
                gs = NODES.objectNode();
                declaredSets = -1;
                sets = new ArrayList<>();
                groupErrors = new ArrayList<>();
            }
            case START_SEGMENT -> startSegment(reader.getText(), at);
            case ELEMENT_DATA -> element(at, reader.getText());
            case END_SEGMENT -> endSegment(at);
            case START_LOOP, END_LOOP -> loop(event == EDIStreamEvent.START_LOOP);
            case END_TRANSACTION -> closeSet(false);
            case END_GROUP -> closeGroup();
            case END_INTERCHANGE -> closeInterchange();
            case SEGMENT_ERROR -> segmentError(at);
            case ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> elementError(at,
                    event == EDIStreamEvent.ELEMENT_DATA_ERROR ? reader.getText() : null);
            default -> {
                // START_TRANSACTION (the ST segment opens the set), composites (components carry their position)
            }
        }
    }

    private void loop(boolean start) {
        if (json != null && start) {
            json.startLoop(maxOccurs(reader.getSchemaTypeReference()));
        } else if (json != null) {
            json.endLoop();
        }
    }

    private void startSegment(String tag, Location at) {
        if ("ISA".equals(tag)) {
            isaPosition = at.getSegmentPosition();
        }
        if ("ST".equals(tag)) {
            if (json != null) { // a second ST before SE: the first set lost its trailer
                closeSet(true);
            }
            stPosition = at.getSegmentPosition();
            rawStart = lastSegmentEnd;
            setErrors = new ArrayList<>();
        }
        envelopeSegment = ENVELOPE.contains(tag);
        fields.clear();
        if (!envelopeSegment && json != null) {
            json.startSegment(tag, maxOccurs(reader.getSchemaTypeReference()));
        }
    }

    private void element(Location at, String value) {
        if (envelopeSegment) {
            int position = at.getElementPosition();
            while (fields.size() < position) {
                fields.add("");
            }
            if (at.getComponentPosition() <= 1 && at.getElementOccurrence() <= 1) {
                fields.set(position - 1, value);
            }
        } else if (json != null) {
            json.element(at.getElementPosition(), Math.max(at.getComponentPosition(), 0),
                    Math.max(at.getElementOccurrence(), 1), value);
        }
    }

    private void endSegment(Location at) {
        lastSegmentEnd = Math.min(at.getCharacterOffset(), text.length());
        if (!envelopeSegment) {
            if (json != null) {
                json.endSegment();
            }
            return;
        }
        switch (at.getSegmentTag()) {
            case "ISA" -> isa = X12Json.interchange(fields, reader.getDelimiters());
            case "GS" -> gs = X12Json.group(fields);
            case "ST" -> openSet();
            case "SE" -> closeSet(false);
            case "GE" -> declaredSets = field(1).strip().matches("\\d{1,6}")
                    ? Integer.parseInt(field(1).strip()) : -1;
            default -> {
                // IEA: its count and control number are checked by StAEDI and arrive as errors
            }
        }
        envelopeSegment = false;
    }

    private void openSet() {
        setId = field(1);
        setControl = field(2);
        json = new X12Json(isa == null ? NODES.objectNode() : isa, gs == null ? NODES.objectNode() : gs,
                X12Json.set(fields));
        X12Schemas.forSet(setId).ifPresentOrElse(this::validateWith,
                () -> setErrors.add(new X12Error(X12Error.Level.SET, "ST", 1, 1, 0, "143",
                        "UNSUPPORTED_TRANSACTION_SET", "1", setId)));
    }

    private void validateWith(Schema schema) {
        try {
            reader.setTransactionSchema(schema);
        } catch (IllegalStateException notAtStart) {
            // an ST that StAEDI took for a segment of the previous set (its SE was missing): already reported
        }
    }

    private void closeSet(boolean trailerMissing) {
        if (json == null) {
            return;
        }
        if (trailerMissing) {
            add(X12Codes.trailerMissing(X12Error.Level.SET, lastPosition()));
        }
        String raw = text.substring(Math.min(rawStart, lastSegmentEnd), lastSegmentEnd).strip();
        sets.add(new X12TransactionSet(setId, setControl, gs == null ? "" : gs.path("version").asString(""),
                json.json(), raw, setErrors));
        json = null;
    }

    private void closeGroup() {
        if (sets == null) {
            return;
        }
        closeSet(true);
        groups.add(new X12Group(gs, declaredSets, sets, groupErrors));
        sets = null;
    }

    private void closeInterchange() {
        if (groups == null) {
            return;
        }
        interchanges.add(new X12Interchange(isa == null ? NODES.objectNode() : isa, groups, interchangeErrors));
        groups = null;
        isa = null;
    }

    /** The stream ended (or broke) inside an interchange: keep what was read, and say why it stops there. */
    private void truncated() {
        if (groups == null) {
            return;
        }
        if (sets != null) {
            add(X12Codes.trailerMissing(X12Error.Level.GROUP, lastPosition()));
            closeGroup();
        }
        add(new X12Error(X12Error.Level.INTERCHANGE, "IEA", lastPosition(), 0, 0, null, "PREMATURE_END_OF_FILE",
                "023", null));
        closeInterchange();
    }

    private void segmentError(Location at) {
        EDIStreamValidationError error = reader.getErrorType();
        String segment = reader.getReferenceCode() != null ? reader.getReferenceCode() : at.getSegmentTag();
        if (json != null && "ST".equals(segment) && error == EDIStreamValidationError.SEGMENT_EXCEEDS_MAXIMUM_USE) {
            return; // a second ST in a set: reported as the missing SE it means
        }
        X12Error.Level level = json != null ? X12Error.Level.SEGMENT
                : sets != null ? X12Error.Level.GROUP : X12Error.Level.INTERCHANGE;
        add(X12Codes.segmentError(level, segment, level == X12Error.Level.SEGMENT ? inSet(at) : inInterchange(at),
                error));
    }

    private void elementError(Location at, String data) {
        String segment = at.getSegmentTag();
        boolean envelope = Set.of("ISA", "IEA", "GS", "GE").contains(segment);
        add(X12Codes.elementError(segment, envelope ? inInterchange(at) : inSet(at), at.getElementPosition(),
                Math.max(at.getComponentPosition(), 0), reader.getReferenceCode(), reader.getErrorType(), data));
    }

    private void add(X12Error error) {
        List<X12Error> errors = switch (error.level()) {
            case INTERCHANGE -> interchangeErrors;
            case GROUP -> groupErrors;
            default -> setErrors;
        };
        if (errors != null) {
            errors.add(error);
        }
    }

    private String field(int position) {
        return position <= fields.size() ? fields.get(position - 1) : "";
    }

    private int inSet(Location at) {
        return at.getSegmentPosition() - stPosition + 1;
    }

    private int inInterchange(Location at) {
        return at.getSegmentPosition() - isaPosition + 1;
    }

    private int lastPosition() {
        Location at = reader.getLocation();
        return json != null ? inSet(at) : inInterchange(at);
    }

    private static int maxOccurs(EDIReference reference) {
        return reference == null ? 0 : reference.getMaxOccurs();
    }
}
