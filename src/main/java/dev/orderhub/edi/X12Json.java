package dev.orderhub.edi;

import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON view of one transaction set from the reader's segment, loop and element events. The view is what the
 * {@code x12-*} mappings read:
 * <pre>
 * {"interchange": {...ISA...}, "group": {...GS...}, "set": {"id": "850", "controlNumber": "0001"},
 *  "BEG": {"BEG01": "00", "BEG02": "SA", "BEG03": "4500012345", "BEG05": "20261102"},
 *  "REF": [{"REF01": "DP", "REF02": "042"}],
 *  "N1":  [{"N101": "ST", "N102": "Acme DC", "N3": [{"N301": "9 Dock Rd"}], "N4": {"N401": "Austin", ...}}],
 *  "PO1": [{"PO101": "1", "PO102": "4", ..., "ids": [{"qualifier": "VP", "id": "DRILL-18V"}],
 *           "PID": [{"PID01": "F", "PID05": "Cordless drill"}], "CTP": [...], "SAC": [...]}],
 *  "CTT": {"CTT01": "1"}}
 * </pre>
 * <ul>
 * <li>A segment is an object of its elements by position ({@code BEG01}); empty elements are left out. Values are
 * strings as received (no number conversion: {@code SAC05} stays implied-decimal {@code "2000"}). A composite is an
 * array of its components, a repeated element an array of its occurrences.</li>
 * <li>A loop is named after its first segment and holds that segment's elements plus the loop's other segments and
 * inner loops ({@code N1} with {@code N3}, {@code N4}).</li>
 * <li>A segment or loop the schema allows more than once is always an array, even with one occurrence; one allowed
 * once is an object. A segment the schema does not know is kept, as an array, where it stands.</li>
 * <li>Segments carrying product id pairs get {@code ids}, the pairs in order: PO1 (from PO106), LIN (from LIN02),
 * IT1 (from IT106), ACK (from ACK07).</li>
 * </ul>
 * The {@code interchange} and {@code group} objects are {@link X12Interchange#envelope()} and
 * {@link X12Group#envelope()}; {@code set} holds id, controlNumber and (005010) implementationReference.
 */
public final class X12Json {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // where a segment's product-id qualifier/id pairs start
    private static final Map<String, Integer> ID_PAIRS = Map.of("PO1", 6, "LIN", 2, "IT1", 6, "ACK", 7);

    private static final class Frame {
        final ObjectNode node = NODES.objectNode();
        final boolean repeatable;
        boolean awaitingFirstSegment = true;

        Frame(boolean repeatable) {
            this.repeatable = repeatable;
        }
    }

    private final ObjectNode root = NODES.objectNode();
    private final Deque<Frame> loops = new ArrayDeque<>();
    private ObjectNode segment;
    private String tag;
    // element position -> occurrences; an occurrence is a String, or a List<String> of components
    private final TreeMap<Integer, List<Object>> elements = new TreeMap<>();

    /**
     * The JSON views of every transaction set in the stream, in order: the inputs of the {@code x12-*} mappings (the
     * mapping examples run through this). Errors are not part of the view; {@link X12Reader#read(InputStream)} has
     * them with each set.
     */
    public static List<ObjectNode> read(InputStream in) {
        return X12Reader.read(in).stream()
                .flatMap(i -> i.sets().stream())
                .map(X12TransactionSet::json)
                .toList();
    }

    /** The {@code interchange} object from the ISA elements (1-based positions in {@code isa}). */
    static ObjectNode interchange(List<String> isa, Map<String, Character> delimiters) {
        ObjectNode node = NODES.objectNode()
                .put("senderQualifier", at(isa, 5))
                .put("senderId", at(isa, 6).strip())
                .put("receiverQualifier", at(isa, 7))
                .put("receiverId", at(isa, 8).strip())
                .put("date", at(isa, 9))
                .put("time", at(isa, 10))
                .put("controlVersion", at(isa, 12))
                .put("controlNumber", at(isa, 13))
                .put("ackRequested", at(isa, 14))
                .put("usage", at(isa, 15));
        node.put("elementSeparator", String.valueOf(delimiters.get(Delimiters.DATA_ELEMENT)));
        node.put("componentSeparator", String.valueOf(delimiters.get(Delimiters.COMPONENT_ELEMENT)));
        if (delimiters.containsKey(Delimiters.REPETITION)) {
            node.put("repetitionSeparator", String.valueOf(delimiters.get(Delimiters.REPETITION)));
        }
        node.put("segmentTerminator", String.valueOf(delimiters.get(Delimiters.SEGMENT)));
        return node;
    }

    /** The {@code group} object from the GS elements; {@code version} is the first six characters of GS08. */
    static ObjectNode group(List<String> gs) {
        String release = at(gs, 8);
        return NODES.objectNode()
                .put("functionalId", at(gs, 1))
                .put("senderId", at(gs, 2))
                .put("receiverId", at(gs, 3))
                .put("date", at(gs, 4))
                .put("time", at(gs, 5))
                .put("controlNumber", at(gs, 6))
                .put("agency", at(gs, 7))
                .put("version", release.length() > 6 ? release.substring(0, 6) : release)
                .put("release", release);
    }

    /** The {@code set} object from the ST elements: id, controlNumber and (005010) implementationReference. */
    static ObjectNode set(List<String> st) {
        ObjectNode set = NODES.objectNode().put("id", at(st, 1)).put("controlNumber", at(st, 2));
        if (!at(st, 3).isEmpty()) {
            set.put("implementationReference", at(st, 3));
        }
        return set;
    }

    private static String at(List<String> elements, int position) {
        return position <= elements.size() ? elements.get(position - 1) : "";
    }

    X12Json(ObjectNode interchange, ObjectNode group, ObjectNode set) {
        root.set("interchange", interchange.deepCopy());
        root.set("group", group.deepCopy());
        root.set("set", set);
    }

    ObjectNode json() {
        return root;
    }

    /** A loop starts; it is attached to its parent once its first segment names it. */
    void startLoop(int maxOccurs) {
        loops.push(new Frame(maxOccurs > 1));
    }

    void endLoop() {
        if (!loops.isEmpty()) {
            loops.pop();
        }
    }

    /** @param maxOccurs how often the schema allows the segment here; 0 when the schema does not know it */
    void startSegment(String segmentTag, int maxOccurs) {
        tag = segmentTag;
        elements.clear();
        Frame loop = loops.peek();
        if (loop != null && loop.awaitingFirstSegment) {
            loop.awaitingFirstSegment = false;
            attach(parentOf(loop), segmentTag, loop.node, loop.repeatable);
            segment = loop.node;
        } else {
            segment = NODES.objectNode();
            attach(loop == null ? root : loop.node, segmentTag, segment, maxOccurs != 1);
        }
    }

    /** Positions are 1-based; component is 0 for a simple element, occurrence 1 unless the element repeats. */
    void element(int position, int component, int occurrence, String text) {
        List<Object> occurrences = elements.computeIfAbsent(position, p -> new ArrayList<>());
        while (occurrences.size() < occurrence) {
            occurrences.add(component > 0 ? new ArrayList<String>() : "");
        }
        int at = Math.max(occurrence, 1) - 1;
        if (component > 0) {
            @SuppressWarnings("unchecked")
            List<String> components =
                    occurrences.get(at) instanceof List<?> list ? (List<String>) list : new ArrayList<>();
            while (components.size() < component) {
                components.add("");
            }
            components.set(component - 1, text);
            occurrences.set(at, components);
        } else {
            occurrences.set(at, text);
        }
    }

    void endSegment() {
        if (segment == null) {
            return;
        }
        elements.forEach((position, occurrences) -> {
            List<JsonNode> values = occurrences.stream()
                    .map(X12Json::value)
                    .filter(v -> v != null)
                    .toList();
            if (!values.isEmpty()) {
                segment.set(
                        tag + (position < 10 ? "0" : "") + position,
                        values.size() == 1 ? values.get(0) : NODES.arrayNode().addAll(values));
            }
        });
        Integer pairs = ID_PAIRS.get(tag);
        if (pairs != null) {
            ArrayNode ids = NODES.arrayNode();
            for (int p = pairs; elements.containsKey(p) || elements.containsKey(p + 1); p += 2) {
                String qualifier = text(p);
                String id = text(p + 1);
                if (!qualifier.isEmpty() && !id.isEmpty()) {
                    ids.addObject().put("qualifier", qualifier).put("id", id);
                }
            }
            segment.set("ids", ids);
        }
        segment = null;
        elements.clear();
    }

    private String text(int position) {
        List<Object> occurrences = elements.get(position);
        return occurrences != null && !occurrences.isEmpty() && occurrences.get(0) instanceof String s ? s : "";
    }

    private static JsonNode value(Object occurrence) {
        if (occurrence instanceof String s) {
            return s.isEmpty() ? null : NODES.stringNode(s);
        }
        @SuppressWarnings("unchecked")
        List<String> components = new ArrayList<>((List<String>) occurrence);
        while (!components.isEmpty() && components.get(components.size() - 1).isEmpty()) {
            components.remove(components.size() - 1);
        }
        if (components.isEmpty()) {
            return null;
        }
        ArrayNode array = NODES.arrayNode();
        components.forEach(array::add);
        return array;
    }

    private ObjectNode parentOf(Frame loop) {
        boolean found = false;
        for (Frame frame : loops) {
            if (found) {
                return frame.node;
            }
            found = frame == loop;
        }
        return root;
    }

    private static void attach(ObjectNode parent, String key, ObjectNode child, boolean repeatable) {
        JsonNode existing = parent.get(key);
        if (existing instanceof ArrayNode array) {
            array.add(child);
        } else if (existing != null) {
            // a segment the schema allows once came again (the validator reported it): keep both
            parent.putArray(key).add(existing).add(child);
        } else if (repeatable) {
            parent.putArray(key).add(child);
        } else {
            parent.set(key, child);
        }
    }
}
