package dev.orderhub.edi;

import dev.orderhub.intake.FailedItems;
import dev.orderhub.intake.MappedIntake;
import dev.orderhub.intake.Partner;
import dev.orderhub.intake.PartnerDocuments;
import dev.orderhub.intake.PartnerFile;
import dev.orderhub.mapping.MappingException;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.order.Source;
import dev.orderhub.shared.Headers;
import dev.orderhub.store.Idempotency;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a partner's X12 file set by set (one set in memory at a time): each interchange is checked (sender, envelope, duplicates), every functional group
 * gets a 997, and every accepted 850 becomes an order through mapping x12-850. A rejected set, an unknown sender or
 * ship-to code, or a PO that cannot be mapped becomes an EDI process exception (external reference: the PO number,
 * else the interchange control number) holding the set.
 */
@Component
class EdiDocuments implements PartnerDocuments {
    private final MappedIntake intake;
    private final Idempotency idempotency;
    private final FailedItems failedItems;
    private final EdiOutbox outbox;
    private final JsonMapper json;

    EdiDocuments(
            MappedIntake intake, Idempotency idempotency, FailedItems failedItems, EdiOutbox outbox, JsonMapper json) {
        this.json = json;
        this.intake = intake;
        this.idempotency = idempotency;
        this.failedItems = failedItems;
        this.outbox = outbox;
    }

    @Override
    public boolean reads(String extension) {
        return "edi".equals(extension) || "x12".equals(extension);
    }

    /**
     * Reads the file twice, set by set, keeping one set at a time: first for its envelopes' own errors, which show
     * only at their trailers (GE, IEA) but decide whether their sets are taken; then to store its sets.
     */
    @Override
    public void read(PartnerFile file, InputStreamSource content) throws IOException {
        EnvelopeErrors envelopes = new EnvelopeErrors();
        try (InputStream in = content.getInputStream()) {
            X12Reader.read(in, envelopes);
        }
        try (InputStream in = content.getInputStream()) {
            X12Reader.read(in, new Reading(file, envelopes.interchanges.iterator()));
        }
    }

    /** The errors of one interchange's envelope (ISA/IEA) and of each of its groups' (GS/GE), in order. */
    private record Envelope(List<X12Error> errors, List<List<X12Error>> groupErrors) {}

    /** The first reading: only the envelopes' errors are kept. */
    private static final class EnvelopeErrors implements X12Reader.Listener {
        private final List<Envelope> interchanges = new ArrayList<>();
        private List<List<X12Error>> groups = new ArrayList<>();

        @Override
        public void set(X12TransactionSet set) {
            // its content is read in the second reading
        }

        @Override
        public void groupEnd(ObjectNode gs, int declaredSets, List<X12Error> errors) {
            groups.add(List.copyOf(errors));
        }

        @Override
        public void interchangeEnd(ObjectNode isa, List<X12Error> errors) {
            interchanges.add(new Envelope(List.copyOf(errors), groups));
            groups = new ArrayList<>();
        }
    }

    /**
     * The second reading: each interchange is checked (sender, envelope, duplicates) when its ISA is read, each set
     * is stored or recorded as it comes, and each group's 997 is written at its end from its sets' verdicts (kept
     * without their content).
     */
    private final class Reading implements X12Reader.Listener {
        private final PartnerFile file;
        private final Iterator<Envelope> envelopes;
        private Envelope checked;
        private X12Interchange interchange;
        private PartnerEnvelope envelope;
        /** Whether the interchange is not taken at all: from another sender, or its envelope rejected. */
        private boolean refused;
        /** Whether the interchange was received before: its groups are acknowledged again, nothing is stored. */
        private boolean seen;

        private int groupIndex;
        private X12Group group;
        private List<X12TransactionSet> acknowledged;

        Reading(PartnerFile file, Iterator<Envelope> envelopes) {
            this.file = file;
            this.envelopes = envelopes;
        }

        @Override
        public void interchange(ObjectNode isa) {
            Partner partner = file.partner();
            checked = envelopes.hasNext() ? envelopes.next() : new Envelope(List.of(), List.of());
            interchange = new X12Interchange(isa, List.of(), checked.errors());
            groupIndex = 0;
            String isa13 = interchange.controlNumber();
            refused = true;
            if (!PartnerEnvelopes.sentBy(partner, interchange)) {
                outbox.write(
                        partner.id(),
                        outbox.writer()
                                .ta1(
                                        PartnerEnvelope.answering(partner.id(), interchange),
                                        interchange,
                                        AckStatus.REJECTED,
                                        "006"));
                failed(
                        file,
                        "interchange " + isa13,
                        isa13,
                        String.valueOf(interchange.envelope()),
                        new EdiFailure("interchange " + isa13 + " is from " + interchange.senderQualifier() + "/"
                                + interchange.senderId() + ", not partner " + partner.id()));
                return;
            }
            envelope = PartnerEnvelopes.of(partner);
            if (!interchange.errors().isEmpty()) {
                outbox.write(partner.id(), outbox.writer().ta1(envelope, interchange));
            }
            if (interchange.status() == AckStatus.REJECTED) {
                failed(
                        file,
                        "interchange " + isa13,
                        isa13,
                        String.valueOf(interchange.envelope()),
                        new EdiFailure("interchange " + isa13 + " rejected: " + interchange.errors()));
                return;
            }
            refused = false;
            seen = idempotency
                    .find("x12-interchange", interchange.duplicateKey())
                    .isPresent();
        }

        @Override
        public void group(ObjectNode gs) {
            if (interchange == null || refused) {
                return;
            }
            List<X12Error> errors = groupIndex < checked.groupErrors().size()
                    ? checked.groupErrors().get(groupIndex)
                    : List.of();
            group = new X12Group(gs, -1, List.of(), errors);
            acknowledged = new ArrayList<>();
            String isa13 = interchange.controlNumber();
            if (!seen && !errors.isEmpty()) {
                failed(
                        file,
                        "interchange " + isa13 + " group " + group.controlNumber(),
                        isa13,
                        String.valueOf(group.envelope()),
                        new EdiFailure("group " + group.controlNumber() + " of interchange " + isa13 + " rejected: "
                                + errors));
            }
        }

        @Override
        public void set(X12TransactionSet set) {
            if (group == null) {
                return; // a set outside any group is reported by the group's and interchange's errors
            }
            acknowledged.add(set.withoutContent());
            // a rejected group's sets are not taken; its rejected sets are still recorded
            if (!seen && (group.errors().isEmpty() || !set.accepted())) {
                receive(file, interchange, group, set);
            }
        }

        @Override
        public void groupEnd(ObjectNode gs, int declaredSets, List<X12Error> errors) {
            if (group == null) {
                group(gs); // its GS was cut short: the group is acknowledged all the same
            }
            groupIndex++;
            if (group == null) {
                return;
            }
            // the acknowledgement goes out once the group's orders and exceptions are stored
            outbox.write(
                    file.partner().id(),
                    outbox.writer().functionalAck997(envelope, new X12Group(gs, declaredSets, acknowledged, errors)));
            group = null;
            acknowledged = null;
        }

        @Override
        public void interchangeEnd(ObjectNode isa, List<X12Error> errors) {
            if (interchange == null) {
                interchange(isa); // its ISA was cut short: it is answered all the same
            }
            if (!refused) {
                // claimed once every group is stored: an interchange cut short by a crash is read again in full
                idempotency.claim(
                        "x12-interchange",
                        interchange.duplicateKey(),
                        abbreviate(file.partner().id() + "/" + file.name()));
            }
            interchange = null;
        }
    }

    private void receive(PartnerFile file, X12Interchange interchange, X12Group group, X12TransactionSet set) {
        try {
            submit(file.partner(), file.name(), interchange, group, set);
        } catch (EdiFailure bad) {
            failed(
                    file,
                    position(interchange, group, set),
                    reference(interchange, set),
                    set.raw(),
                    bad,
                    interchange,
                    group);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100);
    }

    private static String position(X12Interchange interchange, X12Group group, X12TransactionSet set) {
        return "interchange " + interchange.controlNumber() + " group " + group.controlNumber() + " set "
                + set.controlNumber();
    }

    private static String reference(X12Interchange interchange, X12TransactionSet set) {
        return set.documentNumber() != null ? set.documentNumber() : interchange.controlNumber();
    }

    /** Stores the order of one accepted 850 and returns its id (null for another set), or throws EdiFailure. */
    private String submit(
            Partner partner, String fileName, X12Interchange interchange, X12Group group, X12TransactionSet set) {
        String position = position(interchange, group, set);
        if (!set.accepted()) {
            throw new EdiFailure("set " + set.id() + " " + set.controlNumber() + " rejected: " + set.errors());
        }
        if (!"850".equals(set.id())) {
            return null;
        }
        try {
            JsonNode order = intake.transform(
                    "x12-850", set.json(), Map.of("partner", partner.binding()), fileName + " " + position);
            String unresolved = order.path("unresolvedShipTo").asString("");
            if (!unresolved.isBlank()) {
                throw new EdiFailure(
                        "ship-to code " + unresolved + " is not in partner " + partner.id() + "'s address book");
            }
            return intake.submit(
                            intake.validate(order), Source.of("edi", partner.id() + "/" + fileName + " " + position))
                    .id();
        } catch (MappingException | OrderValidationException bad) {
            throw new EdiFailure("PO " + reference(interchange, set) + ": " + bad.getMessage(), bad);
        }
    }

    @Override
    public boolean replays(String format) {
        return "x12-set".equals(format);
    }

    /**
     * Replays a failed set (maybe corrected by an operator) inside the envelope it first came in; a replay is not
     * a new transmission, so no acknowledgement is written and no interchange is counted.
     */
    @Override
    public String replay(Partner partner, String rawSet, Map<String, Object> headers) {
        Object isa = headers.get(Headers.X12_INTERCHANGE);
        Object gs = headers.get(Headers.X12_GROUP);
        if (isa == null || gs == null) {
            throw new EdiFailure("this exception holds no envelope to replay its set in");
        }
        String text = Envelopes.wrap(json.readTree(isa.toString()), json.readTree(gs.toString()), rawSet);
        String fileName = String.valueOf(headers.get("CamelFileName"));
        for (X12Interchange interchange : X12Reader.read(text)) {
            for (X12Group group : interchange.groups()) {
                for (X12TransactionSet set : group.sets()) {
                    String id = submit(partner, fileName + " (replayed)", interchange, group, set);
                    if (id != null) {
                        return id;
                    }
                }
            }
        }
        throw new EdiFailure("the replayed text holds no 850");
    }

    private void failed(PartnerFile file, String position, String reference, String raw, RuntimeException cause) {
        failed(file, position, reference, raw, cause, null, null);
    }

    private void failed(
            PartnerFile file,
            String position,
            String reference,
            String raw,
            RuntimeException cause,
            X12Interchange interchange,
            X12Group group) {
        Map<String, String> envelope = interchange == null || group == null
                ? Map.of()
                : Map.of(
                        Headers.X12_INTERCHANGE,
                        String.valueOf(interchange.envelope()),
                        Headers.X12_GROUP,
                        String.valueOf(group.envelope()));
        failedItems.record(file, position, "x12-set", raw, reference, cause, envelope);
    }
}
