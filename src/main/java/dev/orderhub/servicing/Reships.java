package dev.orderhub.servicing;

import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.OrderState;
import dev.orderhub.order.OrderLine;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;

/**
 * Reships: shipped units of a FULFILLED or CLOSED order, lost or damaged on the way, sent again at no charge. Under
 * the order's row lock the line quantities move through {@link Lifecycle#reship}, the stock is reserved and the
 * reship's fulfillment orders are made and exported ({@link ReshipStock}), the reship is stored and the order's history
 * notes it (RESHIPPED), in one transaction. Stock short anywhere refuses the whole reship (409): nothing is
 * backordered. The order's status stays as it is; the shipments of a reship are not invoiced.
 */
@Service
public class Reships {
    private final Orders orders;
    private final ReshipOrders reships;
    private final ReshipStock stock;

    Reships(Orders orders, ReshipOrders reships, ReshipStock stock) {
        this.orders = orders;
        this.reships = reships;
        this.stock = stock;
    }

    public Reship reship(String orderId, ReshipRequest request) {
        if (request.lines().isEmpty()) {
            throw ServicingRefusedException.rule("lines-required", "a reship needs at least one line");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw ServicingRefusedException.rule("reason-required", "a reship needs a reason");
        }
        Returns.requireEachLineOnce(
                request.lines().stream().map(ReshipRequest.Line::lineId).toList());
        AtomicReference<Reship> made = new AtomicReference<>();
        orders.change(orderId, "RESHIPPED", order -> {
            Returns.requireServiceable(order);
            OrderState state = order.state();
            List<Reship.Line> lines = new ArrayList<>();
            for (ReshipRequest.Line requested : request.lines()) {
                state = Returns.quantityMove(
                        state, requested.lineId(), requested.quantity(), "more-than-reshippable", Lifecycle::reship);
                OrderLine line = order.line(requested.lineId());
                lines.add(new Reship.Line(line.lineId(), line.sku(), line.deliveryGroupId(), requested.quantity()));
            }
            Reship reship =
                    new Reship(reships.nextNumber(), orderId, request.reason(), lines, List.of(), Instant.now());
            ReshipStock.Placed placed = stock.place(order, reship);
            if (!placed.shortages().isEmpty()) {
                throw ServicingRefusedException.conflict(
                        "not-enough-stock", "not enough stock to reship: " + String.join(", ", placed.shortages()));
            }
            Reship stored = reship.withFulfillmentOrders(placed.fulfillmentOrderIds());
            reships.insert(stored);
            made.set(stored);
            return new Change(
                    order.withState(state),
                    stored.number() + " (" + stored.reason() + "): " + describe(lines) + " sent again as "
                            + String.join(", ", stored.fulfillmentOrderIds()),
                    placed.events());
        });
        return made.get();
    }

    /** The order's reships, oldest first. */
    public List<Reship> ofOrder(String orderId) {
        return reships.ofOrder(orderId);
    }

    private static String describe(List<Reship.Line> lines) {
        return String.join(
                ", ",
                lines.stream()
                        .map(l -> "line " + l.lineId() + " x" + l.quantity())
                        .toList());
    }
}
