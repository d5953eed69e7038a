package dev.orderhub.fulfillment;

import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.shared.Endpoints;
import dev.orderhub.shared.Headers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shipment confirmations from the ERP that do not come on the JMS queue — {@code POST /api/erp/confirmations} and
 * the CSV files of connector type erp/sftp — processed as route lifecycle-ship processes the queue's: the shipment is
 * recorded once per shipment id (a repeat changes nothing), then the order goes to the invoicing step.
 */
@Component("erpConfirmations")
public class ErpConfirmations {
    private final Shipping shipping;
    private final ErpFiles files;
    private final ProducerTemplate producer;
    private final ProcessExceptions exceptions;
    private final JsonMapper json;

    ErpConfirmations(
            Shipping shipping,
            ErpFiles files,
            ProducerTemplate producer,
            ProcessExceptions exceptions,
            JsonMapper json) {
        this.shipping = shipping;
        this.files = files;
        this.producer = producer;
        this.exceptions = exceptions;
        this.json = json;
    }

    /**
     * Records one confirmation and invoices its order; false when this shipment was recorded before. A confirmation
     * without a fulfillment order, shipment id or lines, or with a line quantity below one, is refused (an
     * {@link IllegalArgumentException}, before anything is stored); one that does not match the fulfillment order is
     * a permanent failure.
     */
    public boolean confirm(ShipmentConfirmation confirmation) {
        check(confirmation);
        String orderId = shipping.confirmMessage(confirmation);
        if (orderId == null) {
            return false;
        }
        producer.sendBodyAndHeader(Endpoints.LIFECYCLE_INVOICE, null, Headers.ORDER_ID, orderId);
        return true;
    }

    /**
     * A confirmation message of the queue orderhub.erp.confirmations that failed, sent again from its process
     * exception's original (an operator's retry, header {@code orderhubPeNumber}, route lifecycle-ship-replay), read
     * as the REST API reads one; once it is recorded (or found recorded before), the exception is resolved.
     */
    public void confirmAgain(String message, @Header(Headers.PE_NUMBER) String number) {
        boolean recorded = confirm(json.readValue(message, ShipmentConfirmation.class));
        exceptions.resolvedByRetry(
                number,
                recorded ? "the replayed confirmation was recorded" : "the replayed shipment was recorded before");
    }

    /** The confirmations of one CSV file, every row checked before the first is recorded; returns how many were new. */
    public int receiveFile(InputStream file) {
        List<ShipmentConfirmation> confirmations = files.confirmations(file);
        return (int) confirmations.stream().filter(this::confirm).count();
    }

    /**
     * A confirmation file that failed, read again from its process exception's original (an operator's retry, header
     * {@code orderhubPeNumber}); once its confirmations are recorded, the exception is resolved.
     */
    public int receiveFileAgain(String file, @Header(Headers.PE_NUMBER) String number) {
        int recorded = receiveFile(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
        exceptions.resolvedByRetry(
                number, "the confirmation file was read again: " + recorded + " shipment(s) recorded");
        return recorded;
    }

    private static void check(ShipmentConfirmation confirmation) {
        if (blank(confirmation.fulfillmentOrderId())) {
            throw new IllegalArgumentException("fulfillmentOrderId is required");
        }
        if (blank(confirmation.shipmentId())) {
            throw new IllegalArgumentException("shipmentId is required");
        }
        if (confirmation.lines().isEmpty()) {
            throw new IllegalArgumentException("lines: at least one line is required");
        }
        for (int i = 0; i < confirmation.lines().size(); i++) {
            ShipmentConfirmation.Line line = confirmation.lines().get(i);
            if (line == null || blank(line.lineId())) {
                throw new IllegalArgumentException("lines[" + i + "].lineId is required");
            }
            if (line.quantity() < 1) {
                throw new IllegalArgumentException("lines[" + i + "].quantity must be at least 1");
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
