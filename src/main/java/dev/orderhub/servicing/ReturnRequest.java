package dev.orderhub.servicing;

import java.util.List;

/**
 * {@code {lines:[{lineId, quantity, reason, exchange?}], location?, note?}}: fulfilled units to return; a line's
 * {@code exchange} {sku, quantity, unitPrice?} asks for a replacement order instead of money back.
 */
public record ReturnRequest(List<Line> lines, String location, String note) {
    public ReturnRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public record Line(String lineId, Integer quantity, String reason, ReturnOrder.Exchange exchange) {}
}
