package dev.orderhub.servicing;

import java.util.List;

/** {@code {lines:[{lineId, quantity, reason}]}}; no lines means everything still cancelable. */
public record CancelRequest(List<Line> lines, String reason) {
    public CancelRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static CancelRequest everything() {
        return new CancelRequest(List.of(), null);
    }

    /** One line to cancel; a null quantity means all of the line that can still be canceled. */
    public record Line(String lineId, Integer quantity, String reason) {}
}
