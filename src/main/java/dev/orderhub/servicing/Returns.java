package dev.orderhub.servicing;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.event.ReturnOrderStatusChanged;
import dev.orderhub.lifecycle.IllegalMoveException;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.lifecycle.OrderState;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.shared.Headers;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import dev.orderhub.store.Outbox;
import dev.orderhub.store.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Return orders (RMA): fulfilled units of a FULFILLED or CLOSED order, requested, authorised (the ERP/WMS gets the
 * return order on orderhub.erp.return-orders through the outbox), received back (restockable units restocked at the
 * line's location, damaged ones recorded), or rejected or cancelled. Every change is made under the order's row lock
 * with {@link Orders#change}: the order's line quantities ({@code returnInitiated}, {@code returned}) move through
 * {@link Lifecycle}, the order's history notes the change, and the return order's status-changed event joins the
 * outbox in the same transaction. The order's own status stays as it is.
 */
@Service
public class Returns {
    private static final Set<OrderStatus> SERVICEABLE = EnumSet.of(OrderStatus.FULFILLED, OrderStatus.CLOSED);
    private static final Set<OrderStatus> NOT_SERVICEABLE = EnumSet.of(OrderStatus.CANCELLED, OrderStatus.REJECTED);
    static final String NO_SUCH_LINE = "no-such-line";
    static final String QUANTITY_NOT_POSITIVE = "quantity-not-positive";
    private static final String RETURN_ORDER_STATUS = "return-order-status";

    private final Orders orders;
    private final ReturnOrders returnOrders;
    private final ReturnStock stock;
    private final List<ReturnReceived> receivers;
    private final Outbox outbox;
    private final Events events;
    private final Exchanges exchanges;
    private final JsonMapper json;

    Returns(
            Orders orders,
            ReturnOrders returnOrders,
            ReturnStock stock,
            List<ReturnReceived> receivers,
            Outbox outbox,
            Events events,
            Exchanges exchanges,
            JsonMapper json) {
        this.exchanges = exchanges;
        this.orders = orders;
        this.returnOrders = returnOrders;
        this.stock = stock;
        this.receivers = receivers;
        this.outbox = outbox;
        this.events = events;
        this.json = json;
    }

    /** Opens a return order, REQUESTED, for fulfilled units not yet returned or in another return. */
    public ReturnOrder request(String orderId, ReturnRequest request) {
        requireLines(request);
        AtomicReference<ReturnOrder> made = new AtomicReference<>();
        orders.change(orderId, "RETURN_REQUESTED", order -> {
            Planned planned = planned(order, request);
            Instant now = Instant.now();
            ReturnOrder returnOrder = new ReturnOrder(
                    returnOrders.nextNumber(),
                    orderId,
                    ReturnStatus.REQUESTED,
                    request.location(),
                    request.note(),
                    null,
                    planned.lines(),
                    List.of(),
                    now,
                    now,
                    planned.exchangeRefundDue());
            returnOrders.insert(returnOrder);
            made.set(returnOrder);
            return new Change(
                    order.withState(planned.state()),
                    returnOrder.number() + " requested: " + describe(planned.lines()),
                    List.of(statusChanged(returnOrder, null, null)));
        });
        return made.get();
    }

    /**
     * A return as {@link #request} would open it: the order's state once its units move to {@code returnInitiated},
     * the return order's lines (with their location and checked exchange) and what exchanges at a lower price leave
     * to refund. Refused as the request would be: no lines, an unknown location, an order that takes no servicing, a
     * line that does not exist, more than is returnable, an exchange its rules refuse. Writes nothing (a preview asks
     * it too).
     */
    public Planned planned(Order order, ReturnRequest request) {
        requireLines(request);
        requireEachLineOnce(
                request.lines().stream().map(ReturnRequest.Line::lineId).toList());
        if (request.location() != null && !stock.isLocation(request.location())) {
            throw ServicingRefusedException.rule(
                    "location-unknown", "location " + request.location() + ": no such location");
        }
        requireServiceable(order);
        OrderState state = order.state();
        List<ReturnOrder.Line> lines = new ArrayList<>();
        for (ReturnRequest.Line requested : request.lines()) {
            state = quantityMove(
                    state, requested.lineId(), requested.quantity(), "more-than-returnable", Lifecycle::returnInitiate);
            OrderLine line = order.line(requested.lineId());
            String location = request.location() != null
                    ? request.location()
                    : stock.shippedFrom(order.id(), line.lineId()).orElse(null);
            lines.add(new ReturnOrder.Line(
                    line.lineId(),
                    line.sku(),
                    requested.quantity(),
                    requested.reason(),
                    location,
                    0,
                    0,
                    0,
                    Exchanges.checked(order, requested)));
        }
        return new Planned(state, List.copyOf(lines), Exchanges.refundDue(order, lines));
    }

    /**
     * What a return would do: the order's state after it, the return order's lines, and what its exchanges at a lower
     * price leave to refund (null when nothing).
     */
    public record Planned(OrderState state, List<ReturnOrder.Line> lines, BigDecimal exchangeRefundDue) {
        /** The units credited once all of them came back: those of lines not returned for an exchange. */
        public Map<String, Integer> credited() {
            return ReturnOrder.credited(
                    lines,
                    lines.stream()
                            .map(l -> new ReturnOrder.ReceiptLine(l.lineId(), l.quantity(), null))
                            .toList());
        }
    }

    /** A line named twice in one request is refused ({@code line-once}): say its whole quantity once. */
    static void requireEachLineOnce(List<String> lineIds) {
        Set<String> seen = new HashSet<>();
        for (String lineId : lineIds) {
            if (!seen.add(String.valueOf(lineId))) {
                throw ServicingRefusedException.rule("line-once", "line " + lineId + ": given more than once");
            }
        }
    }

    private static void requireLines(ReturnRequest request) {
        if (request.lines().isEmpty()) {
            throw ServicingRefusedException.rule("lines-required", "a return needs at least one line");
        }
    }

    /**
     * REQUESTED → AUTHORIZED; the ERP/WMS gets the return order on orderhub.erp.return-orders. Once that is committed,
     * each exchanged line gets its replacement order ({@link Exchanges}); an AUTHORIZED return order whose
     * replacement could not be made then gets it when authorised again.
     */
    public ReturnOrder authorize(String rma) {
        if (get(rma).replacementPending()) {
            exchanges.replace(rma);
            return get(rma);
        }
        move(rma, "RETURN_AUTHORIZED", (order, returnOrder) -> {
            requireStatus(returnOrder, "authorize", ReturnStatus.REQUESTED);
            ReturnOrder authorized = returnOrder.withStatus(ReturnStatus.AUTHORIZED, null, Instant.now());
            toErp(authorized);
            return new Moved(authorized, order, authorized.number() + " authorized");
        });
        exchanges.replace(rma);
        return get(rma);
    }

    /** REQUESTED → REJECTED, for a reason; its units may be returned again. */
    public ReturnOrder reject(String rma, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ServicingRefusedException.rule("reason-required", "a rejection needs a reason");
        }
        return move(rma, "RETURN_REJECTED", (order, returnOrder) -> {
            requireStatus(returnOrder, "reject", ReturnStatus.REQUESTED);
            ReturnOrder rejected = returnOrder.withStatus(ReturnStatus.REJECTED, reason, Instant.now());
            return new Moved(rejected, released(order, returnOrder), rejected.number() + " rejected: " + reason);
        });
    }

    /**
     * REQUESTED or AUTHORIZED → CANCELLED, before anything came back; its units may be returned again. The ERP/WMS,
     * told of an authorised return order, gets it again as CANCELLED.
     */
    public ReturnOrder cancel(String rma) {
        return move(rma, "RETURN_CANCELLED", (order, returnOrder) -> {
            if (!returnOrder.status().cancelable()) {
                throw ServicingRefusedException.conflict(
                        RETURN_ORDER_STATUS,
                        "return order " + returnOrder.number() + " is " + returnOrder.status()
                                + ": only a REQUESTED or AUTHORIZED return order may be cancelled");
            }
            ReturnOrder cancelled = returnOrder.withStatus(ReturnStatus.CANCELLED, null, Instant.now());
            if (returnOrder.status() == ReturnStatus.AUTHORIZED) {
                toErp(cancelled);
            }
            return new Moved(cancelled, released(order, returnOrder), cancelled.number() + " cancelled");
        });
    }

    /**
     * Records a receipt: AUTHORIZED or PARTIALLY_RECEIVED → PARTIALLY_RECEIVED or RECEIVED. RESTOCKABLE units go
     * back on hand at the line's location, DAMAGED ones are recorded without stock; each {@link ReturnReceived} is
     * told, in the transaction and after it; RECEIVED → CLOSED when they all say what came back is settled. The
     * same receiptId of the return order again changes nothing.
     */
    public ReturnOrder receive(String rma, ReceiptRequest receipt) {
        if (receipt.receiptId() == null || receipt.receiptId().isBlank()) {
            throw ServicingRefusedException.rule("receipt-id-required", "a receipt needs a receiptId");
        }
        if (receipt.lines().isEmpty()) {
            throw ServicingRefusedException.rule("lines-required", "a receipt needs at least one line");
        }
        ReturnOrder received = record(rma, receipt);
        // committed: what is told now may call outside systems
        boolean settled = receivers.stream().map(r -> r.committed(received)).reduce(true, Boolean::logicalAnd);
        return settled ? close(rma, "what its receipts gave back is settled") : get(rma);
    }

    private ReturnOrder record(String rma, ReceiptRequest receipt) {
        return move(rma, "RETURN_RECEIVED", (order, returnOrder) -> {
            Instant now = Instant.now();
            if (!returnOrders.countReceipt(returnOrder.number(), receipt.receiptId(), now)) {
                return null; // counted before
            }
            if (!returnOrder.status().receiving()) {
                throw ServicingRefusedException.conflict(
                        RETURN_ORDER_STATUS,
                        "return order " + returnOrder.number() + " is " + returnOrder.status()
                                + ": receipts need an AUTHORIZED or PARTIALLY_RECEIVED return order");
            }
            OrderState state = order.state();
            List<ReturnOrder.Line> lines = new ArrayList<>(returnOrder.lines());
            for (ReturnOrder.ReceiptLine received : receipt.lines()) {
                int index = indexOf(lines, received.lineId());
                if (index < 0) {
                    throw ServicingRefusedException.rule(
                            "not-in-return",
                            "line " + received.lineId() + ": not in return order " + returnOrder.number());
                }
                if (received.condition() == null) {
                    throw ServicingRefusedException.rule(
                            "condition-required",
                            "line " + received.lineId() + ": condition must be RESTOCKABLE or DAMAGED");
                }
                int quantity = received.quantity() == null ? 0 : received.quantity();
                ReturnOrder.Line line = lines.get(index);
                if (quantity <= 0) {
                    throw ServicingRefusedException.rule(
                            "quantity-not-positive",
                            "line " + line.lineId() + ": quantity " + quantity + " must be greater than 0");
                }
                if (quantity > line.outstanding()) {
                    throw ServicingRefusedException.rule(
                            "more-than-expected",
                            "line " + line.lineId() + ": quantity " + quantity + " exceeds the " + line.outstanding()
                                    + " still expected back");
                }
                OrderState before = state;
                state = Lifecycle.markReturned(before, line.lineId(), quantity);
                lines.set(index, line.receive(quantity, received.condition()));
                if (received.condition() == ReturnOrder.Condition.RESTOCKABLE) {
                    if (line.location() == null) {
                        throw ServicingRefusedException.conflict(
                                "no-restock-location",
                                "line " + line.lineId() + ": no location to restock at (none given, none shipped it)");
                    }
                    stock.restock(line.location(), line.sku(), quantity);
                }
            }
            ReturnOrder.Receipt recorded = new ReturnOrder.Receipt(receipt.receiptId(), now, receipt.lines());
            ReturnOrder after = returnOrder.withReceipt(lines, recorded, now);
            Order changed = order.withState(state);
            receivers.forEach(r -> r.received(changed, after, recorded));
            return new Moved(
                    after,
                    changed,
                    after.number() + " receipt " + receipt.receiptId() + ": " + describeReceipt(receipt.lines()));
        });
    }

    /**
     * RECEIVED → CLOSED, once what its receipts gave back is settled (credit memos refunded or credited); a return
     * order in any other status stays as it is.
     */
    public ReturnOrder close(String rma, String detail) {
        if (get(rma).status() != ReturnStatus.RECEIVED) {
            return get(rma);
        }
        return move(rma, "RETURN_CLOSED", (order, returnOrder) -> {
            if (returnOrder.status() != ReturnStatus.RECEIVED) {
                return null;
            }
            ReturnOrder closed = returnOrder.withStatus(ReturnStatus.CLOSED, null, Instant.now());
            return new Moved(closed, order, closed.number() + " closed: " + detail);
        });
    }

    /** A receipt confirmed by the ERP/WMS on orderhub.erp.return-receipts: the REST body with its {@code rma}. */
    public String receiveMessage(String body) {
        ReceiptRequest receipt = json.readValue(body, ReceiptRequest.class);
        if (receipt.rma() == null || receipt.rma().isBlank()) {
            throw ServicingRefusedException.rule("rma-required", "a return receipt message needs its rma");
        }
        return receive(receipt.rma(), receipt).orderId();
    }

    public ReturnOrder get(String rma) {
        return returnOrders.find(rma).orElseThrow(() -> new ReturnNotFoundException(rma));
    }

    public Page<ReturnOrder> list(String orderId, ReturnStatus status, int page, int size) {
        String statusName = status == null ? null : status.name();
        return new Page<>(
                returnOrders.list(orderId, statusName, page, size),
                page,
                size,
                returnOrders.count(orderId, statusName));
    }

    /** The order's return orders, oldest first. */
    public List<ReturnOrder> ofOrder(String orderId) {
        return returnOrders.ofOrder(orderId);
    }

    /** What a move did: the return order after it, the order after it, a line for the order's history. */
    private record Moved(ReturnOrder returnOrder, Order order, String detail) {}

    @FunctionalInterface
    private interface Step {
        /** The move on the locked order and its return order as stored; null when there is nothing to do. */
        Moved apply(Order order, ReturnOrder returnOrder);
    }

    private ReturnOrder move(String rma, String action, Step step) {
        String orderId = get(rma).orderId();
        orders.change(orderId, action, order -> {
            ReturnOrder before = get(rma);
            Moved moved = step.apply(order, before);
            if (moved == null) {
                return null;
            }
            returnOrders.update(moved.returnOrder());
            return new Change(
                    moved.order(),
                    moved.detail(),
                    List.of(statusChanged(
                            moved.returnOrder(),
                            before.status(),
                            moved.returnOrder().reason())));
        });
        return get(rma);
    }

    /** The order with the units of a return order that will not come back given back to be returned again. */
    private static Order released(Order order, ReturnOrder returnOrder) {
        OrderState state = order.state();
        for (ReturnOrder.Line line : returnOrder.lines()) {
            if (line.outstanding() > 0) {
                state = Lifecycle.returnRelease(state, line.lineId(), line.outstanding());
            }
        }
        return order.withState(state);
    }

    private void toErp(ReturnOrder returnOrder) {
        outbox.append(
                Outbox.Destination.ERP_RETURN_ORDERS,
                "return-order",
                returnOrder.orderId(),
                json.writeValueAsString(returnOrder),
                Map.of(Headers.RETURN_ORDER, returnOrder.number(), Headers.ORDER_ID, returnOrder.orderId()));
    }

    private CloudEvent statusChanged(ReturnOrder returnOrder, ReturnStatus from, String reason) {
        return events.event(
                EventType.RETURN_ORDER_STATUS_CHANGED,
                returnOrder.orderId(),
                new ReturnOrderStatusChanged(
                        returnOrder.number(),
                        returnOrder.orderId(),
                        from == null ? null : from.name(),
                        returnOrder.status().name(),
                        reason));
    }

    private static void requireStatus(ReturnOrder returnOrder, String what, ReturnStatus needed) {
        if (returnOrder.status() != needed) {
            throw ServicingRefusedException.conflict(
                    RETURN_ORDER_STATUS,
                    "return order " + returnOrder.number() + " is " + returnOrder.status() + ": only a " + needed
                            + " return order may " + what);
        }
    }

    /**
     * A CANCELLED or REJECTED order takes no servicing ({@code order-not-serviceable}, 422); any other order but a
     * FULFILLED or CLOSED one is not there yet ({@code order-not-fulfilled}, 409).
     */
    static void requireServiceable(Order order) {
        if (NOT_SERVICEABLE.contains(order.status())) {
            throw ServicingRefusedException.rule(
                    "order-not-serviceable",
                    "order is " + order.status() + ": a cancelled or rejected order takes no servicing");
        }
        if (!SERVICEABLE.contains(order.status())) {
            throw ServicingRefusedException.conflict(
                    "order-not-fulfilled",
                    "order is " + order.status() + ": servicing needs a FULFILLED or CLOSED order");
        }
    }

    /** A quantity move of the lifecycle on one line, e.g. {@link Lifecycle#returnInitiate}. */
    @FunctionalInterface
    interface QuantityMove {
        OrderState apply(OrderState state, String lineId, int quantity);
    }

    /**
     * A quantity move of the lifecycle on an order that takes servicing; its refusal is the request's, named by its
     * code: {@code no-such-line}, {@code quantity-not-positive}, else {@code exceeded} (more than the line has
     * available for the move). The lifecycle's words are the detail.
     */
    static OrderState quantityMove(
            OrderState state, String lineId, Integer quantity, String exceeded, QuantityMove move) {
        int units = quantity == null ? 0 : quantity;
        try {
            return move.apply(state, lineId, units);
        } catch (IllegalMoveException refused) {
            String rule =
                    !state.lines().containsKey(lineId) ? NO_SUCH_LINE : units <= 0 ? QUANTITY_NOT_POSITIVE : exceeded;
            throw ServicingRefusedException.rule(rule, refused.rule());
        }
    }

    private static int indexOf(List<ReturnOrder.Line> lines, String lineId) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).lineId().equals(lineId)) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(List<ReturnOrder.Line> lines) {
        return String.join(
                ", ",
                lines.stream()
                        .map(l -> "line " + l.lineId() + " x" + l.quantity()
                                + (l.reason() != null ? " (" + l.reason() + ")" : ""))
                        .toList());
    }

    private static String describeReceipt(List<ReturnOrder.ReceiptLine> lines) {
        return String.join(
                ", ",
                lines.stream()
                        .map(l -> "line " + l.lineId() + " x" + l.quantity() + " " + l.condition())
                        .toList());
    }
}
