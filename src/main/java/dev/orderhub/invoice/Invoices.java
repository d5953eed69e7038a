package dev.orderhub.invoice;

import dev.orderhub.fulfillment.Shipment;
import dev.orderhub.order.PaymentMethod;
import dev.orderhub.shared.Ids;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The invoices table; numbers come from a sequence, one invoice per shipment (unique). */
@Repository
public class Invoices {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    Invoices(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    String nextNumber() {
        return Ids.nextNumber(jdbc, "invoice_number_seq", "INV");
    }

    /** Whether the shipment is invoiced; a shipment id is unique per fulfillment order. */
    boolean existsFor(Shipment shipment) {
        return pending(shipment).isPresent();
    }

    /** Whether the shipment's invoice is posted and recorded on its order (not pending). */
    boolean recordedFor(Shipment shipment) {
        return pending(shipment).filter(pending -> !pending).isPresent();
    }

    /** Whether the shipment's invoice waits for its order to record it; empty when it is not invoiced. */
    private Optional<Boolean> pending(Shipment shipment) {
        return jdbc.sql("SELECT pending FROM invoices WHERE fulfillment_order_id = :fo AND shipment_id = :id")
                .param("fo", shipment.fulfillmentOrderId())
                .param("id", shipment.id())
                .query(Boolean.class)
                .optional();
    }

    /**
     * Posts an invoice, pending until its order records it (after its capture); an invoice of an order on terms counts
     * in its account's balance (AccountLedger).
     */
    void insertPending(Invoice invoice) {
        jdbc.sql("""
                INSERT INTO invoices (number, order_id, fulfillment_order_id, shipment_id, document, total, posted_at,
                    pending, account_id)
                VALUES (:n, :o, :fo, :s, :d, :t, :at, TRUE,
                    (SELECT account_id FROM orders WHERE id = :o AND payment_method IN (:onTerms)))""")
                .param("onTerms", PaymentMethod.billedOnTermsNames())
                .param("n", invoice.number())
                .param("o", invoice.orderId())
                .param("fo", invoice.fulfillmentOrderId())
                .param("s", invoice.shipmentId())
                .param("d", json.writeValueAsString(invoice))
                .param("t", invoice.total())
                .param("at", Timestamp.from(invoice.postedAt()))
                .update();
    }

    /** The order's invoices not yet recorded on it, oldest first. */
    List<Invoice> pendingOf(String orderId) {
        return ofOrder(orderId, " AND pending");
    }

    /** Marks an invoice recorded on its order; says whether it was still pending. */
    boolean markRecorded(String number) {
        return jdbc.sql("UPDATE invoices SET pending = FALSE WHERE number = :n AND pending")
                        .param("n", number)
                        .update()
                == 1;
    }

    /** The invoices recorded on the order (with their capture): what its summary shows. */
    public List<Invoice> recordedOf(String orderId) {
        return ofOrder(orderId, " AND NOT pending");
    }

    /** Every invoice of the order, pending ones included: what the next invoice is calculated against. */
    public List<Invoice> ofOrder(String orderId) {
        return ofOrder(orderId, "");
    }

    private List<Invoice> ofOrder(String orderId, String which) {
        return jdbc.sql("SELECT document FROM invoices WHERE order_id = :id" + which + " ORDER BY posted_at, number")
                .param("id", orderId)
                .query((rs, n) -> json.readValue(rs.getString(1), Invoice.class))
                .list();
    }
}
