package dev.orderhub.servicing;

import java.util.List;

/** {@code {lines:[{lineId, quantity}], reason}}: shipped units, lost or damaged, to send again at no charge. */
public record ReshipRequest(List<Line> lines, String reason) {
    public ReshipRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public record Line(String lineId, Integer quantity) {}
}
