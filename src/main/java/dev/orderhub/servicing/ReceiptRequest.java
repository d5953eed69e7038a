package dev.orderhub.servicing;

import java.util.List;

/**
 * {@code {receiptId, lines:[{lineId, quantity, condition}]}}: units of a return order received back. On the queue
 * orderhub.erp.return-receipts the message names its return order in {@code rma} too; on REST the path does.
 */
public record ReceiptRequest(String rma, String receiptId, List<ReturnOrder.ReceiptLine> lines) {
    public ReceiptRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
