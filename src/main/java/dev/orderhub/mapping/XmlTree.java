package dev.orderhub.mapping;

import dev.orderhub.order.PersonalData;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Turns XML into the JSON-like tree mappings read: an element is an object, an attribute {@code "@name"}, a
 * repeated element an array, a text-only element a string (trimmed), text beside child elements or attributes
 * {@code "#text"}, an element with {@code xsi:nil="true"} null; namespaces are dropped from names. A document that
 * declares a DOCTYPE is refused and no external entity is ever resolved, so neither XXE nor entity expansion happens.
 */
public final class XmlTree {
    // deeper nesting than any order format has is an attack on the stack, not data
    private static final int MAX_DEPTH = 256;

    private XmlTree() {}

    /** The whole document as {@code {rootName: content}}. */
    static Map<String, Object> parse(InputStream in) {
        XMLStreamReader reader = open(in);
        try {
            while (reader.hasNext()) {
                if (nextEvent(reader) == XMLStreamConstants.START_ELEMENT) {
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put(reader.getLocalName(), readElement(reader, 0));
                    return document;
                }
            }
            throw new MappingException("XML document has no root element");
        } catch (XMLStreamException malformed) {
            throw malformed(malformed);
        } finally {
            close(reader);
        }
    }

    /** Streams every {@code <order>} element (any namespace) to {@code each}, holding one order at a time. */
    public static void orders(InputStream in, Consumer<Map<String, Object>> each) {
        elements(in, "order", each);
    }

    /** Streams every element of a local name (not those nested inside one already streamed) to {@code each}. */
    static void elements(InputStream in, String localName, Consumer<Map<String, Object>> each) {
        try (Elements elements = iterate(in, localName)) {
            elements.forEachRemaining(each);
        }
    }

    /** As {@link #elements}, as an iterator; close it when done (the stream itself stays the caller's). */
    static Elements iterate(InputStream in, String localName) {
        return new Elements(open(in), localName);
    }

    /** The trees of one element name, read lazily from a document. */
    static final class Elements implements Iterator<Map<String, Object>>, AutoCloseable {
        private final XMLStreamReader reader;
        private final String localName;
        private Map<String, Object> next;
        private boolean done;

        private Elements(XMLStreamReader reader, String localName) {
            this.reader = reader;
            this.localName = localName;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public Map<String, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map<String, Object> tree = next;
            next = null;
            return tree;
        }

        private Map<String, Object> advance() {
            try {
                while (reader.hasNext()) {
                    if (nextEvent(reader) == XMLStreamConstants.START_ELEMENT
                            && reader.getLocalName().equals(localName)) {
                        Object content = readElement(reader, 0);
                        if (content instanceof Map<?, ?>) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> tree = (Map<String, Object>) content;
                            return tree;
                        }
                        Map<String, Object> tree = new LinkedHashMap<>();
                        tree.put("#text", content);
                        return tree;
                    }
                }
                done = true;
                return null;
            } catch (XMLStreamException malformed) {
                done = true;
                throw malformed(malformed);
            } catch (RuntimeException refused) {
                done = true;
                throw refused;
            }
        }

        @Override
        public void close() {
            done = true;
            XmlTree.close(reader);
        }
    }

    private static XMLStreamReader open(InputStream in) {
        // the JDK's own implementation, so the settings below mean what they say whatever else is on the classpath
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entity " + systemId + " is not allowed");
        });
        try {
            return factory.createXMLStreamReader(in);
        } catch (XMLStreamException unreadable) {
            throw malformed(unreadable);
        }
    }

    /** The next event, refusing a DOCTYPE wherever the parser reports it. */
    private static int nextEvent(XMLStreamReader reader) throws XMLStreamException {
        int event = reader.next();
        if (event == XMLStreamConstants.DTD
                || event == XMLStreamConstants.ENTITY_DECLARATION
                || event == XMLStreamConstants.NOTATION_DECLARATION) {
            throw new MappingException("DOCTYPE is not allowed");
        }
        return event;
    }

    /** The content of the element the reader is at; returns with the reader at its end tag. */
    private static Object readElement(XMLStreamReader reader, int depth) throws XMLStreamException {
        if (depth > MAX_DEPTH) {
            throw new MappingException("XML nested deeper than " + MAX_DEPTH + " elements at " + at(reader));
        }
        Map<String, Object> object = new LinkedHashMap<>();
        boolean nil = false;
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String value = reader.getAttributeValue(i);
            if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(reader.getAttributeNamespace(i))) {
                // xsi: attributes are schema plumbing, not data; xsi:nil="true" makes the element null
                nil |= "nil".equals(reader.getAttributeLocalName(i)) && ("true".equals(value) || "1".equals(value));
            } else {
                object.put("@" + reader.getAttributeLocalName(i), value);
            }
        }
        boolean attributes = !object.isEmpty();
        boolean children = false;
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = nextEvent(reader);
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    children = true;
                    add(object, reader.getLocalName(), readElement(reader, depth + 1));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                    text.append(reader.getText());
                case XMLStreamConstants.ENTITY_REFERENCE ->
                    throw new MappingException(
                            "XML entity &" + reader.getLocalName() + "; is not allowed at " + at(reader));
                case XMLStreamConstants.END_ELEMENT -> {
                    String value = text.toString().strip();
                    if (!children && !attributes) {
                        return nil && value.isEmpty() ? null : value;
                    }
                    if (!value.isEmpty()) {
                        object.put("#text", value);
                    }
                    return object;
                }
                default -> {
                    // comments and processing instructions carry no order data
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> object, String name, Object child) {
        Object existing = object.get(name);
        if (!object.containsKey(name)) {
            object.put(name, child);
        } else if (existing instanceof Repeated) {
            ((List<Object>) existing).add(child);
        } else {
            Repeated list = new Repeated();
            list.add(existing);
            list.add(child);
            object.put(name, list);
        }
    }

    /** An array made from repeated elements, told apart from an element's own value while building. */
    private static final class Repeated extends ArrayList<Object> {}

    private static MappingException malformed(XMLStreamException failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (message.contains("DOCTYPE") || message.contains("DTD")) {
            return new MappingException("DOCTYPE is not allowed", failure);
        }
        Location location = failure.getLocation();
        String where = location == null
                ? ""
                : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
        return new MappingException(
                "malformed XML" + where + ": "
                        + PersonalData.scrub(message.replaceFirst("(?s)^ParseError.*?\\nMessage: ", "")),
                failure);
    }

    private static String at(XMLStreamReader reader) {
        Location location = reader.getLocation();
        return "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static void close(XMLStreamReader reader) {
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // closing a reader over a stream the caller owns; nothing to recover
        }
    }
}
