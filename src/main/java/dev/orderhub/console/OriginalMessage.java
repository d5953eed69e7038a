package dev.orderhub.console;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** An original message made readable: JSON and XML indented, X12 one segment a line; anything else as it is. */
final class OriginalMessage {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** ISA is fixed width: its element separator is the 4th character, its segment terminator the 106th. */
    private static final int ISA_LENGTH = 106;

    private OriginalMessage() {}

    static String pretty(String body) {
        if (body == null) {
            return "";
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(trimmed));
            } catch (JacksonException notJson) {
                return body;
            }
        }
        if (trimmed.startsWith("<")) {
            return xml(trimmed, body);
        }
        if (trimmed.startsWith("ISA") && trimmed.length() >= ISA_LENGTH) {
            String terminator = String.valueOf(trimmed.charAt(ISA_LENGTH - 1));
            return Arrays.stream(trimmed.split(Pattern.quote(terminator)))
                    .map(String::strip)
                    .filter(segment -> !segment.isEmpty())
                    .map(segment -> segment + terminator)
                    .collect(Collectors.joining("\n"));
        }
        return body;
    }

    private static String xml(String trimmed, String body) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new StreamSource(new StringReader(trimmed)), new StreamResult(out));
            return out.toString();
        } catch (TransformerException notXml) {
            return body;
        }
    }
}
