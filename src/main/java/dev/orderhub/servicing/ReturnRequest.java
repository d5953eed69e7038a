package dev.orderhub.servicing;

import java.util.List;

/** {@code {lines:[{lineId, quantity, reason}], location?, note?}}: fulfilled units to return. */
public record ReturnRequest(List<Line> lines, String location, String note) {
    public ReturnRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public record Line(String lineId, Integer quantity, String reason) {}
}
