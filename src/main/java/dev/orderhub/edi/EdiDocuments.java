package dev.orderhub.edi;

import dev.orderhub.exception.DeadLetters;
import dev.orderhub.exception.FailedMessage;
import dev.orderhub.exception.ProcessException;
import dev.orderhub.intake.MappedIntake;
import dev.orderhub.intake.Partner;
import dev.orderhub.intake.PartnerDocuments;
import dev.orderhub.mapping.MappingException;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.order.Source;
import dev.orderhub.store.Idempotency;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
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
    private final DeadLetters deadLetters;
    private final EdiOutbox outbox;

    EdiDocuments(MappedIntake intake, Idempotency idempotency, DeadLetters deadLetters, EdiOutbox outbox) {
        this.intake = intake;
        this.idempotency = idempotency;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
    }

    @Override
    public boolean reads(String extension) {
        return "edi".equals(extension) || "x12".equals(extension);
    }

    @Override
    public void read(Partner partner, String fileName, InputStream in) {
        for (X12Interchange interchange : X12Reader.read(in)) {
            String isa13 = interchange.controlNumber();
            if (!PartnerEnvelopes.sentBy(partner, interchange)) {
                outbox.write(partner.id(), outbox.writer().ta1(PartnerEnvelope.answering(partner.id(), interchange),
                        interchange, AckStatus.REJECTED, "006"));
                failed(partner, fileName, "interchange " + isa13, isa13, String.valueOf(interchange.envelope()),
                        new EdiFailure("interchange " + isa13 + " is from " + interchange.senderQualifier() + "/"
                                + interchange.senderId() + ", not partner " + partner.id()));
                continue;
            }
            PartnerEnvelope envelope = PartnerEnvelopes.of(partner);
            if (!interchange.errors().isEmpty()) {
                outbox.write(partner.id(), outbox.writer().ta1(envelope, interchange));
            }
            if (interchange.status() == AckStatus.REJECTED) {
                failed(partner, fileName, "interchange " + isa13, isa13, String.valueOf(interchange.envelope()),
                        new EdiFailure("interchange " + isa13 + " rejected: " + interchange.errors()));
                continue;
            }
            boolean seen = !idempotency.claim("x12-interchange", interchange.senderId().strip() + "/" + isa13,
                    partner.id() + "/" + fileName);
            for (X12Group group : interchange.groups()) {
                if (!seen) {
                    receive(partner, fileName, isa13, group);
                }
                // the acknowledgement goes out once the group's orders and exceptions are stored
                outbox.write(partner.id(), outbox.writer().functionalAck997(envelope, group));
            }
        }
    }

    private void receive(Partner partner, String fileName, String isa13, X12Group group) {
        if (group.status() == AckStatus.REJECTED && group.sets().stream().allMatch(X12TransactionSet::accepted)) {
            failed(partner, fileName, "interchange " + isa13 + " group " + group.controlNumber(), isa13,
                    String.valueOf(group.envelope()), new EdiFailure("group " + group.controlNumber()
                            + " of interchange " + isa13 + " rejected: " + group.errors()));
            return;
        }
        for (X12TransactionSet set : group.sets()) {
            if (group.status() == AckStatus.REJECTED && set.accepted()) {
                continue;
            }
            receive(partner, fileName, isa13, group, set);
        }
    }

    private void receive(Partner partner, String fileName, String isa13, X12Group group, X12TransactionSet set) {
        String position = "interchange " + isa13 + " group " + group.controlNumber() + " set " + set.controlNumber();
        String reference = set.documentNumber() != null ? set.documentNumber() : isa13;
        if (!set.accepted()) {
            failed(partner, fileName, position, reference, set.raw(), new EdiFailure("set " + set.id() + " "
                    + set.controlNumber() + " rejected: " + set.errors()));
            return;
        }
        if (!"850".equals(set.id())) {
            return;
        }
        try {
            Map<String, Object> bindings = Map.of("partner", partner.binding());
            JsonNode mapped = intake.transform("x12-850", set.json(), bindings, fileName + " " + position);
            JsonNode orders = mapped.isArray() ? mapped : null;
            for (JsonNode order : orders != null ? orders : java.util.List.of(mapped)) {
                String unresolved = order.path("unresolvedShipTo").asString("");
                if (!unresolved.isBlank()) {
                    throw new EdiFailure("ship-to code " + unresolved + " is not in partner " + partner.id()
                            + "'s address book");
                }
                intake.submit(intake.validate(order), Source.of("edi", partner.id() + "/" + fileName + " " + position));
            }
        } catch (MappingException | OrderValidationException | EdiFailure bad) {
            failed(partner, fileName, position, reference, set.raw(), bad instanceof EdiFailure ? bad
                    : new EdiFailure("PO " + reference + ": " + bad.getMessage(), bad));
        }
    }

    private void failed(Partner partner, String fileName, String position, String reference, String raw,
            RuntimeException cause) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("orderhubPartner", partner.id());
        headers.put("orderhubFormat", "x12-set");
        headers.put("CamelFileName", fileName);
        headers.put("orderhubPosition", position);
        Map<String, Object> deadLetter = deadLetters.recordItem(new FailedMessage(cause,
                new ProcessException.Source("channel-files-" + partner.id(), "file",
                        "file " + partner.id() + "/" + fileName + " " + position, "direct://partner-replay"),
                new ProcessException.Original(raw, headers), "X12 from partner " + partner.id() + " in " + fileName
                        + " " + position + " did not become an order", reference, 1, Instant.now(), null));
        outbox.deadLetter(raw, deadLetter);
    }
}
