package dev.orderhub.servicing;

import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.LineQuantities;
import dev.orderhub.lifecycle.Move;
import dev.orderhub.lifecycle.OrderState;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.order.Order;
import dev.orderhub.shared.Endpoints;
import dev.orderhub.shared.Headers;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;

/**
 * Cancels an order, whole or by line and quantity, before fulfilment. Quantity already allocated but not yet
 * fulfilled is deallocated first (through {@link Deallocation}); fulfilled quantity cannot be canceled. Once a
 * whole-order cancel has committed, each {@link CancelledOrder} is told (payment voids the card's authorisation).
 */
@Service
public class Cancellation {
    private static final String NOTHING_TO_CANCEL = "nothing-to-cancel";

    private final Orders orders;
    private final List<Deallocation> deallocations;
    private final ProcessExceptions exceptions;
    private final List<CancelledOrder> cancelled;
    private final ProducerTemplate producer;

    Cancellation(
            Orders orders,
            List<Deallocation> deallocations,
            ProcessExceptions exceptions,
            List<CancelledOrder> cancelled,
            ProducerTemplate producer) {
        this.orders = orders;
        this.deallocations = deallocations;
        this.exceptions = exceptions;
        this.cancelled = cancelled;
        this.producer = producer;
    }

    public Order cancel(String orderId, CancelRequest request) {
        Order after = change(orderId, request);
        if (after.status() == OrderStatus.CANCELLED) {
            exceptions.voidAllFor(orderId, "order cancelled");
            // committed: what is told now may call outside systems
            cancelled.forEach(c -> c.cancelled(after));
            return orders.get(orderId);
        }
        // what is left runs on now: an order the cancel left with everything shipped is invoiced and closed
        producer.sendBodyAndHeader(Endpoints.LIFECYCLE_PIPELINE, orderId, Headers.ORDER_ID, orderId);
        return after;
    }

    private Order change(String orderId, CancelRequest request) {
        return orders.change(orderId, "CANCELLED", order -> {
            Canceled canceled = canceled(order, request);
            Order after = canceled.order();
            for (Deallocation deallocation : deallocations) {
                after = deallocation.released(order, after);
            }
            String reason = request.reason() != null ? "; " + request.reason() : "";
            return Change.of(after, "canceled " + String.join(", ", canceled.notes()) + reason);
        });
    }

    /** The order as a cancel leaves it (quantities, repriced lines and totals), and a note per line canceled. */
    public record Canceled(Order order, List<String> notes) {}

    /**
     * What a cancel does to the order, before fulfilment is told: allocated quantity deallocated first, then canceled;
     * lines' adjustments and tax follow their net quantity and the totals are repriced. Writes nothing (a preview
     * asks it too). Refused, naming the move CANCEL: a line that does not exist ({@code no-such-line}) or a quantity
     * below 1 ({@code quantity-not-positive}) break the request's rules (422); an order whose status takes no cancel
     * ({@code order-not-cancelable}: CLOSED, CANCELLED, REJECTED), more than a line has left to cancel
     * ({@code more-than-cancelable}) and a cancel that would cancel nothing ({@code nothing-to-cancel}: everything
     * shipped or canceled already) conflict with the order's current state (409).
     */
    public Canceled canceled(Order order, CancelRequest request) {
        if (!Lifecycle.allows(Move.CANCEL, order.status())) {
            throw refused(ServicingRefusedException.conflict(
                    "order-not-cancelable",
                    "order is " + order.status() + ": a CLOSED, CANCELLED or REJECTED order takes no cancel"));
        }
        List<CancelRequest.Line> wanted = request.lines().isEmpty() ? everything(order) : request.lines();
        OrderState state = order.state();
        List<String> notes = new ArrayList<>();
        for (CancelRequest.Line line : wanted) {
            LineQuantities q = state.lines().get(line.lineId());
            if (q == null) {
                throw refused(ServicingRefusedException.rule(
                        Returns.NO_SUCH_LINE, "line " + line.lineId() + ": no such line on the order"));
            }
            int cancelable = q.unfulfilled();
            if (line.quantity() == null && cancelable == 0) {
                if (request.lines().isEmpty()) {
                    continue; // the whole order: this line has nothing left, others may
                }
                throw refused(ServicingRefusedException.conflict(
                        NOTHING_TO_CANCEL,
                        "line " + line.lineId() + ": nothing left to cancel (shipped or canceled already)"));
            }
            int quantity = line.quantity() != null ? line.quantity() : cancelable;
            if (quantity <= 0) {
                throw refused(ServicingRefusedException.rule(
                        Returns.QUANTITY_NOT_POSITIVE,
                        "line " + line.lineId() + ": quantity " + quantity + " must be greater than 0"));
            }
            if (quantity > cancelable) {
                throw refused(ServicingRefusedException.conflict(
                        "more-than-cancelable",
                        "line " + line.lineId() + ": quantity " + quantity + " exceeds " + cancelable
                                + " available to cancel (not fulfilled)"));
            }
            int toDeallocate = Math.max(0, quantity - q.availableToAllocate());
            if (toDeallocate > 0) {
                state = Lifecycle.deallocate(state, line.lineId(), toDeallocate);
            }
            state = Lifecycle.cancel(state, line.lineId(), quantity);
            notes.add("line " + line.lineId() + " x" + quantity
                    + (line.reason() != null ? " (" + line.reason() + ")" : ""));
        }
        if (notes.isEmpty()) {
            throw refused(ServicingRefusedException.conflict(
                    NOTHING_TO_CANCEL,
                    "order is " + order.status() + ": nothing left to cancel (shipped or canceled already)"));
        }
        return new Canceled(order.withState(state).repricedAfter(order), notes);
    }

    private static ServicingRefusedException refused(ServicingRefusedException refused) {
        return refused.of(Move.CANCEL);
    }

    private static List<CancelRequest.Line> everything(Order order) {
        return order.lines().stream()
                .map(l -> new CancelRequest.Line(l.lineId(), null, null))
                .toList();
    }
}
