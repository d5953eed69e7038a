package dev.orderhub.edi;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIInputFactory;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * orderhub's X12 implementation schemas ({@code classpath:edi/x12-<set>.xml}), parsed once and shared: a StAEDI
 * {@link Schema} is immutable once built. One schema per transaction set serves both 004010 and 005010, because the
 * few element lengths that differ are versioned inside {@code x12-types.xml}.
 */
final class X12Schemas {
    /** The sets orderhub has schemas for: the 850 it reads and the documents it writes (read back in tests). */
    static final Set<String> SETS = Set.of("850", "855", "856", "810", "180", "812", "997");

    // StAEDI logs every type a schema does not use at INFO; each transaction uses a part of the shared types file, so
    // that would be some hundred lines per schema (and its own envelope schema logs a few). Set here, before either
    // is first loaded; held in a field because java.util.logging keeps loggers weakly.
    private static final Logger SCHEMA_LOG = Logger.getLogger("io.xlate.edi.internal.schema");
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    static {
        SCHEMA_LOG.setLevel(Level.WARNING);
    }

    private X12Schemas() {}

    /** A reader factory that validates the envelope against StAEDI's control schema for the ISA's version. */
    static EDIInputFactory validatingInput() {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, true);
        return factory;
    }

    /** The schema for a transaction set id (ST01), if orderhub has one. */
    static Optional<Schema> forSet(String setId) {
        if (setId == null || !SETS.contains(setId)) {
            return Optional.empty();
        }
        return Optional.of(CACHE.computeIfAbsent(setId, X12Schemas::load));
    }

    /** StAEDI's own envelope schema for an ISA12 control version, e.g. {@code 00401}. */
    static Schema control(String controlVersion) {
        try {
            return SchemaFactory.newFactory().getControlSchema("X12", new String[] {controlVersion});
        } catch (EDISchemaException e) {
            throw new IllegalStateException("no X12 control schema for " + controlVersion, e);
        }
    }

    private static Schema load(String setId) {
        URL url = X12Schemas.class.getClassLoader().getResource("edi/x12-" + setId + ".xml");
        if (url == null) {
            throw new IllegalStateException("edi/x12-" + setId + ".xml is missing from the classpath");
        }
        try {
            SchemaFactory factory = SchemaFactory.newFactory();
            // the schema includes x12-types.xml by a relative name, resolved against its own folder (file or jar)
            factory.setProperty(SchemaFactory.SCHEMA_LOCATION_URL_CONTEXT, new URL(url, "."));
            return factory.createSchema(url);
        } catch (EDISchemaException | MalformedURLException e) {
            throw new IllegalStateException("cannot load " + url + ": " + e.getMessage(), e);
        }
    }
}
