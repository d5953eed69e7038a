package dev.orderhub.edi;

import dev.orderhub.order.PersonalData;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
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
 *
 * <p>{@link #read(InputStream, Listener)} streams: it hands over each set as soon as it is read and keeps no set
 * after that, so that its memory is bounded by one set, whatever the file's size.
 */
public final class X12Reader {
    /** What a streaming read hands over, in the order of the text. */
    public interface Listener {
        /** An interchange's ISA was read: its fields as in {@link X12Interchange#envelope()}. */
        default void interchange(ObjectNode isa) {}

        /** A group's GS was read: its fields as in {@link X12Group#envelope()}. */
        default void group(ObjectNode gs) {}

        /** One transaction set, complete, in the interchange and group last started. */
        void set(X12TransactionSet set);

        /** The group ended (at GE, or where the text shows its GE is missing): GE01 (-1 if none), its own errors. */
        default void groupEnd(ObjectNode gs, int declaredSets, List<X12Error> errors) {}

        /** The interchange ended (at IEA, or where the text shows its IEA is missing): its own errors. */
        default void interchangeEnd(ObjectNode isa, List<X12Error> errors) {}
    }

    private static final Set<String> ENVELOPE = Set.of("ISA", "GS", "ST", "SE", "GE", "IEA");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final X12Text text;
    private final EDIStreamReader reader;
    private final Listener listener;
    private int interchangesEnded;
    private ObjectNode isa;
    private int isaPosition;
    private boolean inInterchange;
    private List<X12Error> interchangeErrors;
    private ObjectNode gs;
    private int declaredSets;
    private boolean inGroup;
    private List<X12Error> groupErrors;
    private X12Json json;
    private String setId;
    private String setControl;
    private int stPosition;
    private long rawStart;
    private List<X12Error> setErrors;
    private boolean envelopeSegment;
    private final List<String> fields = new ArrayList<>();
    private long lastSegmentEnd;
    private RuntimeException listenerFailure;

    private X12Reader(X12Text text, EDIStreamReader reader, Listener listener) {
        this.text = text;
        this.reader = reader;
        this.listener = listener;
    }

    /** Reads every interchange in the stream, all of it in memory: for small texts (acknowledgements, tests). */
    public static List<X12Interchange> read(InputStream in) {
        Interchanges interchanges = new Interchanges();
        read(in, interchanges);
        return interchanges.read;
    }

    /** Reads every interchange in the text. */
    public static List<X12Interchange> read(String input) {
        Interchanges interchanges = new Interchanges();
        read(new StringReader(input), interchanges);
        return interchanges.read;
    }

    /** Reads the stream (UTF-8), handing each set to the listener as soon as it is read. */
    public static void read(InputStream in, Listener listener) {
        read(new InputStreamReader(in, StandardCharsets.UTF_8), listener);
    }

    private static void read(Reader in, Listener listener) {
        // StAEDI reads the text re-encoded, so that its character offsets index into the text
        X12Text text = new X12Text(in);
        EDIStreamReader stream = X12Schemas.validatingInput().createEDIStreamReader(text);
        X12Reader session = new X12Reader(text, stream, listener);
        try {
            while (stream.hasNext()) {
                session.on(stream.next());
            }
        } catch (EDIStreamException | RuntimeException broken) {
            // the stream's and the listener's failures are theirs, not the text's
            text.rethrowFailure();
            if (session.listenerFailure != null) {
                throw session.listenerFailure;
            }
            if (session.isa == null && session.interchangesEnded == 0) {
                throw new X12ReadException(
                        "not an X12 interchange: " + PersonalData.scrub(broken.getMessage()), broken);
            }
            session.truncated(); // still open: the error's location is read from the stream
        }
    }

    /** Collects what a read hands over into interchanges. */
    private static final class Interchanges implements Listener {
        private final List<X12Interchange> read = new ArrayList<>();
        private List<X12Group> groups = new ArrayList<>();
        private List<X12TransactionSet> sets = new ArrayList<>();

        @Override
        public void set(X12TransactionSet set) {
            sets.add(set);
        }

        @Override
        public void groupEnd(ObjectNode gs, int declaredSets, List<X12Error> errors) {
            groups.add(new X12Group(gs, declaredSets, sets, errors));
            sets = new ArrayList<>();
        }

        @Override
        public void interchangeEnd(ObjectNode isa, List<X12Error> errors) {
            read.add(new X12Interchange(isa, groups, errors));
            groups = new ArrayList<>();
        }
    }

    private void on(EDIStreamEvent event) {
        Location at = reader.getLocation();
        switch (event) {
            case START_INTERCHANGE -> {
                isa = null;
                inInterchange = true;
                interchangeErrors = new ArrayList<>();
            }
            case START_GROUP -> {
                gs = NODES.objectNode();
                declaredSets = -1;
                inGroup = true;
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
            case ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR ->
                elementError(at, event == EDIStreamEvent.ELEMENT_DATA_ERROR ? reader.getText() : null);
            default -> {
                // START_TRANSACTION (the ST segment opens the set), composites (components carry their position)
            }
        }
    }

    private void hand(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException failed) {
            listenerFailure = failed;
            throw failed;
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
            json.element(
                    at.getElementPosition(),
                    Math.max(at.getComponentPosition(), 0),
                    Math.max(at.getElementOccurrence(), 1),
                    value);
        }
    }

    private void endSegment(Location at) {
        lastSegmentEnd = Math.min(at.getCharacterOffset(), text.length());
        if (json == null && !"ST".equals(at.getSegmentTag())) {
            text.release(lastSegmentEnd); // between sets: a set's raw text starts after this segment
        }
        if (!envelopeSegment) {
            if (json != null) {
                json.endSegment();
            }
            return;
        }
        switch (at.getSegmentTag()) {
            case "ISA" -> {
                isa = X12Json.interchange(fields, reader.getDelimiters());
                hand(() -> listener.interchange(isa));
            }
            case "GS" -> {
                gs = X12Json.group(fields);
                hand(() -> listener.group(gs));
            }
            case "ST" -> openSet();
            case "SE" -> closeSet(false);
            case "GE" -> declaredSets = field(1).strip().matches("\\d{1,6}") ? Integer.parseInt(field(1).strip()) : -1;
            default -> {
                // IEA: its count and control number are checked by StAEDI and arrive as errors
            }
        }
        envelopeSegment = false;
    }

    private void openSet() {
        setId = field(1);
        setControl = field(2);
        json = new X12Json(
                isa == null ? NODES.objectNode() : isa, gs == null ? NODES.objectNode() : gs, X12Json.set(fields));
        X12Schemas.forSet(setId)
                .ifPresentOrElse(
                        this::validateWith,
                        () -> setErrors.add(new X12Error(
                                X12Error.Level.SET, "ST", 1, 1, 0, "143", "UNSUPPORTED_TRANSACTION_SET", "1", setId)));
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
        String raw = text.substring(Math.min(rawStart, lastSegmentEnd), lastSegmentEnd)
                .strip();
        X12TransactionSet set = new X12TransactionSet(
                setId, setControl, gs == null ? "" : gs.path("version").asString(""), json.json(), raw, setErrors);
        json = null;
        text.release(lastSegmentEnd);
        hand(() -> listener.set(set));
    }

    private void closeGroup() {
        if (!inGroup) {
            return;
        }
        closeSet(true);
        inGroup = false;
        hand(() -> listener.groupEnd(gs, declaredSets, groupErrors));
    }

    private void closeInterchange() {
        if (!inInterchange) {
            return;
        }
        inInterchange = false;
        interchangesEnded++;
        ObjectNode ended = isa == null ? NODES.objectNode() : isa;
        hand(() -> listener.interchangeEnd(ended, interchangeErrors));
        isa = null;
    }

    /** The stream ended (or broke) inside an interchange: keep what was read, and say why it stops there. */
    private void truncated() {
        if (!inInterchange) {
            return;
        }
        if (inGroup) {
            add(X12Codes.trailerMissing(X12Error.Level.GROUP, lastPosition()));
            closeGroup();
        }
        add(new X12Error(
                X12Error.Level.INTERCHANGE, "IEA", lastPosition(), 0, 0, null, "PREMATURE_END_OF_FILE", "023", null));
        closeInterchange();
    }

    private void segmentError(Location at) {
        EDIStreamValidationError error = reader.getErrorType();
        String segment = reader.getReferenceCode() != null ? reader.getReferenceCode() : at.getSegmentTag();
        if (json != null && "ST".equals(segment) && error == EDIStreamValidationError.SEGMENT_EXCEEDS_MAXIMUM_USE) {
            return; // a second ST in a set: reported as the missing SE it means
        }
        X12Error.Level level =
                json != null ? X12Error.Level.SEGMENT : inGroup ? X12Error.Level.GROUP : X12Error.Level.INTERCHANGE;
        add(X12Codes.segmentError(
                level, segment, level == X12Error.Level.SEGMENT ? inSet(at) : inInterchange(at), error));
    }

    private void elementError(Location at, String data) {
        String segment = at.getSegmentTag();
        boolean envelope = Set.of("ISA", "IEA", "GS", "GE").contains(segment);
        add(X12Codes.elementError(
                segment,
                envelope ? inInterchange(at) : inSet(at),
                at.getElementPosition(),
                Math.max(at.getComponentPosition(), 0),
                reader.getReferenceCode(),
                reader.getErrorType(),
                data));
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
