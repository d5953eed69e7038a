package dev.orderhub.tax;

import dev.orderhub.connector.Connectors;
import dev.orderhub.connector.ExternalCalls;
import dev.orderhub.order.Order;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tax documents the tax service keeps for reporting: an invoice's tax is recorded (committed) when the invoice
 * is posted, and voided when its order is cancelled. Each is an external call by the protocol of
 * {@link ExternalCalls}, keyed {@code <order>:tax-commit:<invoice>:<tax>} and {@code <order>:tax-void:<invoice>:<tax>},
 * made with no transaction or row lock held; the tax service knows a document by its code (the invoice number) and
 * records it once.
 */
@Service
public class TaxDocuments {
    static final String COMMIT = "TAX-COMMIT";
    static final String VOID = "TAX-VOID";

    private static final ExternalCalls.Attempts NOTHING_ELSE = new ExternalCalls.Attempts() {
        @Override
        public void answered(ExternalCalls.Call call, String reference) {}

        @Override
        public void failed(ExternalCalls.Call call, RuntimeException failure) {}
    };

    private final Connectors connectors;
    private final ExternalCalls calls;

    TaxDocuments(Connectors connectors, ExternalCalls calls) {
        this.connectors = connectors;
        this.calls = calls;
    }

    /** A line or charge of an invoice: its net amount and the tax charged on it. */
    public record Item(
            String id,
            String sku,
            String description,
            Integer quantity,
            String type,
            String deliveryGroupId,
            BigDecimal amount,
            BigDecimal tax) {}

    /** An invoice as the tax service records it. */
    public record Document(String number, LocalDate date, BigDecimal tax, List<Item> lines, List<Item> charges) {}

    /** Records, in the caller's transaction, that an invoice's tax is to be recorded with the tax service. */
    public void intend(Order order, String invoiceNumber, BigDecimal tax) {
        calls.intend(ExternalCalls.Call.of(order.id(), COMMIT, invoiceNumber, tax));
    }

    /**
     * Records an invoice's tax with the tax service once, however often asked; returns the service's reference.
     * Call it with no transaction open.
     */
    public String commit(Order order, Document invoice) {
        ObjectNode request = TaxBodies.document(order, invoice);
        return calls.call(
                ExternalCalls.Call.of(order.id(), COMMIT, invoice.number(), invoice.tax()),
                connectors.policy("tax"),
                key -> reference("commit", request.deepCopy().put("idempotencyKey", key)),
                NOTHING_ELSE);
    }

    /**
     * Voids every tax document recorded for the order (after it was cancelled), once each. Call it with no
     * transaction open.
     */
    public void voidRecorded(Order order) {
        for (ExternalCalls.Answered recorded : calls.succeeded(order.id(), COMMIT)) {
            ObjectNode request = TaxBodies.header(order);
            request.put("reference", recorded.reference());
            request.put("reason", "order cancelled");
            calls.call(
                    ExternalCalls.Call.of(order.id(), VOID, recorded.reference(), recorded.amount()),
                    connectors.policy("tax"),
                    key -> reference("void", request.deepCopy().put("idempotencyKey", key)),
                    NOTHING_ELSE);
        }
    }

    private String reference(String operation, ObjectNode request) {
        JsonNode answer = connectors.request("tax", operation, request);
        String reference = answer.path("reference").asString("");
        if (reference.isBlank()) {
            throw new IllegalStateException("connector-tax-" + operation + " answered no reference");
        }
        return reference;
    }
}
