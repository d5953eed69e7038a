package dev.orderhub.edi;

import dev.orderhub.intake.MappedIntake;
import dev.orderhub.intake.Partner;
import dev.orderhub.intake.PartnerDocuments;
import dev.orderhub.intake.PartnerFile;
import dev.orderhub.intake.PartnerFiles;
import dev.orderhub.mapping.MappingException;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.order.Source;
import dev.orderhub.store.Idempotency;
import java.io.InputStream;
import java.util.Map;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads a partner's X12 file: each interchange is checked (sender, envelope, duplicates), every functional group
 * gets a 997, and every accepted 850 becomes an order through mapping x12-850. A rejected set, an unknown sender or
 * ship-to code, or a PO that cannot be mapped becomes an EDI process exception (external reference: the PO number,
 * else the interchange control number) holding the set.
 */
@Component
class EdiDocuments implements PartnerDocuments {
    private final MappedIntake intake;
    private final Idempotency idempotency;
    private final PartnerFiles partnerFiles;
    private final EdiOutbox outbox;
    private final tools.jackson.databind.json.JsonMapper json;

    EdiDocuments(MappedIntake intake, Idempotency idempotency, @Lazy PartnerFiles partnerFiles, EdiOutbox outbox,
            tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
        this.intake = intake;
        this.idempotency = idempotency;
        this.partnerFiles = partnerFiles;
        this.outbox = outbox;
    }

    @Override
    public boolean reads(String extension) {
        return "edi".equals(extension) || "x12".equals(extension);
    }

    @Override
    public void read(PartnerFile file, InputStream in) {
        Partner partner = file.partner();
        String fileName = file.name();
        for (X12Interchange interchange : X12Reader.read(in)) {
            String isa13 = interchange.controlNumber();
            if (!PartnerEnvelopes.sentBy(partner, interchange)) {
                outbox.write(partner.id(), outbox.writer().ta1(PartnerEnvelope.answering(partner.id(), interchange),
                        interchange, AckStatus.REJECTED, "006"));
                failed(file, "interchange " + isa13, isa13, String.valueOf(interchange.envelope()),
                        new EdiFailure("interchange " + isa13 + " is from " + interchange.senderQualifier() + "/"
                                + interchange.senderId() + ", not partner " + partner.id()));
                continue;
            }
            PartnerEnvelope envelope = PartnerEnvelopes.of(partner);
            if (!interchange.errors().isEmpty()) {
                outbox.write(partner.id(), outbox.writer().ta1(envelope, interchange));
            }
            if (interchange.status() == AckStatus.REJECTED) {
                failed(file, "interchange " + isa13, isa13, String.valueOf(interchange.envelope()),
                        new EdiFailure("interchange " + isa13 + " rejected: " + interchange.errors()));
                continue;
            }
            String interchangeKey = interchange.duplicateKey();
            boolean seen = idempotency.find("x12-interchange", interchangeKey).isPresent();
            for (X12Group group : interchange.groups()) {
                if (!seen) {
                    receive(file, interchange, group);
                }
                // the acknowledgement goes out once the group's orders and exceptions are stored
                outbox.write(partner.id(), outbox.writer().functionalAck997(envelope, group));
            }
            // claimed once every group is stored: an interchange cut short by a crash is read again in full
            idempotency.claim("x12-interchange", interchangeKey, abbreviate(partner.id() + "/" + fileName));
        }
    }

    private void receive(PartnerFile file, X12Interchange interchange, X12Group group) {
        String isa13 = interchange.controlNumber();
        if (!group.errors().isEmpty()) {
            failed(file, "interchange " + isa13 + " group " + group.controlNumber(), isa13,
                    String.valueOf(group.envelope()), new EdiFailure("group " + group.controlNumber()
                            + " of interchange " + isa13 + " rejected: " + group.errors()));
        }
        for (X12TransactionSet set : group.sets()) {
            if (group.status() == AckStatus.REJECTED && set.accepted()) {
                continue;
            }
            receive(file, interchange, group, set);
        }
    }

    private void receive(PartnerFile file, X12Interchange interchange, X12Group group, X12TransactionSet set) {
        try {
            submit(file.partner(), file.name(), interchange, group, set);
        } catch (EdiFailure bad) {
            failed(file, position(interchange, group, set), reference(interchange, set), set.raw(), bad,
                    interchange, group);
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
    private String submit(Partner partner, String fileName, X12Interchange interchange, X12Group group,
            X12TransactionSet set) {
        String position = position(interchange, group, set);
        if (!set.accepted()) {
            throw new EdiFailure("set " + set.id() + " " + set.controlNumber() + " rejected: " + set.errors());
        }
        if (!"850".equals(set.id())) {
            return null;
        }
        try {
            JsonNode order = intake.transform("x12-850", set.json(), Map.of("partner", partner.binding()),
                    fileName + " " + position);
            String unresolved = order.path("unresolvedShipTo").asString("");
            if (!unresolved.isBlank()) {
                throw new EdiFailure("ship-to code " + unresolved + " is not in partner " + partner.id()
                        + "'s address book");
            }
            return intake.submit(intake.validate(order), Source.of("edi", partner.id() + "/" + fileName + " "
                    + position)).id();
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
        Object isa = headers.get("orderhubX12Interchange");
        Object gs = headers.get("orderhubX12Group");
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

    private void failed(PartnerFile file, String position, String reference, String raw, RuntimeException cause,
            X12Interchange interchange, X12Group group) {
        Map<String, String> envelope = interchange == null || group == null ? Map.of()
                : Map.of("orderhubX12Interchange", String.valueOf(interchange.envelope()),
                        "orderhubX12Group", String.valueOf(group.envelope()));
        partnerFiles.failedItem(file, position, "x12-set", raw, reference, cause, envelope);
    }
}
