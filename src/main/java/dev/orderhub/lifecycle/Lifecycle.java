package dev.orderhub.lifecycle;

import static dev.orderhub.lifecycle.OrderStatus.ACCEPTED;
import static dev.orderhub.lifecycle.OrderStatus.APPROVED;
import static dev.orderhub.lifecycle.OrderStatus.CANCELLED;
import static dev.orderhub.lifecycle.OrderStatus.CLOSED;
import static dev.orderhub.lifecycle.OrderStatus.FULFILLED;
import static dev.orderhub.lifecycle.OrderStatus.ON_HOLD;
import static dev.orderhub.lifecycle.OrderStatus.PARTIALLY_ALLOCATED;
import static dev.orderhub.lifecycle.OrderStatus.PARTIALLY_FULFILLED;
import static dev.orderhub.lifecycle.OrderStatus.RECEIVED;
import static dev.orderhub.lifecycle.OrderStatus.WAITING_APPROVAL;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * The single place where order lifecycle rules live. Every method is pure: a move returns a new
 * {@link OrderState} or throws {@link IllegalMoveException}, leaving its argument as it was; a question
 * ({@link #allows}, {@link #actsOn}, {@link #redriven} ...) says which statuses a move, a step or a query takes.
 */
public final class Lifecycle {

    private static final Set<OrderStatus> FULFILMENT_PHASE = statuses(OrderStatus::isFulfilmentPhase);
    private static final Set<OrderStatus> CANCELABLE = statuses(s -> s.isWorking() || s == ON_HOLD);
    private static final Set<OrderStatus> RETURNABLE = EnumSet.of(PARTIALLY_FULFILLED, FULFILLED, CLOSED);
    private static final String FULFILMENT_PHASE_TEXT = "a fulfilment-phase status (APPROVED to FULFILLED)";
    private static final Map<Move, Set<OrderStatus>> MOVE_STATUSES = moveStatuses();
    private static final Map<PipelineStep, Set<OrderStatus>> STEP_STATUSES = stepStatuses();
    private static final Set<OrderStatus> REDRIVEN = Collections.unmodifiableSet(
            statuses(s -> STEP_STATUSES.values().stream().anyMatch(acted -> acted.contains(s))));
    // credit committed by approval and not invoiced yet (an order on hold may still ship); once invoiced, an order's
    // invoices count until paid, and an order waiting for approval is not committed
    private static final Set<OrderStatus> OPEN_BALANCE =
            Collections.unmodifiableSet(statuses(s -> s.isFulfilmentPhase() || s == ON_HOLD));

    private Lifecycle() {}

    /** Whether the status rule of a move lets it act on an order in this status (quantities aside). */
    public static boolean allows(Move move, OrderStatus status) {
        return MOVE_STATUSES.get(move).contains(status);
    }

    /** Whether a pipeline step acts on an order in this status; in any other it leaves the order as it is. */
    public static boolean actsOn(PipelineStep step, OrderStatus status) {
        return STEP_STATUSES.get(step).contains(status);
    }

    /** The statuses a pipeline step acts on. */
    public static Set<OrderStatus> statusesActedOn(PipelineStep step) {
        return STEP_STATUSES.get(step);
    }

    /**
     * The statuses the pipeline moves on by itself: some step acts on them. An order idle in one of them waits on a
     * lost message, and is driven again; the others wait for an operator, the ERP, or nothing.
     */
    public static Set<OrderStatus> redriven() {
        return REDRIVEN;
    }

    /** APPROVED: nothing is allocated yet, so every line has its whole net quantity left to allocate. */
    public static boolean everythingLeftToAllocate(OrderStatus status) {
        return status == APPROVED;
    }

    /** The statuses whose grand total not yet invoiced counts toward what an account owes on terms. */
    public static Set<OrderStatus> openBalanceStatuses() {
        return OPEN_BALANCE;
    }

    /** The fulfilment-phase status the line quantities give; CANCELLED when nothing is left to ship. */
    static OrderStatus fulfilmentStatus(Map<String, LineQuantities> lines) {
        long net = 0;
        long allocated = 0;
        long fulfilled = 0;
        for (LineQuantities q : lines.values()) {
            net += q.net();
            allocated += q.allocated();
            fulfilled += q.fulfilled();
        }
        if (net == 0) {
            return CANCELLED;
        }
        if (fulfilled == 0) {
            // per line allocated <= net, so the totals are equal only when every line is fully allocated
            return allocated == 0
                    ? OrderStatus.APPROVED
                    : allocated < net ? OrderStatus.PARTIALLY_ALLOCATED : OrderStatus.ALLOCATED;
        }
        return fulfilled < net ? PARTIALLY_FULFILLED : FULFILLED;
    }

    /** RECEIVED → ACCEPTED: validated, priced and taxed. */
    public static OrderState accept(OrderState s) {
        requireStatus(s, Move.ACCEPT);
        return withStatus(s, ACCEPTED);
    }

    /** ACCEPTED → WAITING_APPROVAL: an operator has to approve it first. */
    public static OrderState waitForApproval(OrderState s) {
        requireStatus(s, Move.WAIT_FOR_APPROVAL);
        return withStatus(s, WAITING_APPROVAL);
    }

    /** ACCEPTED or WAITING_APPROVAL → the fulfilment phase, normally APPROVED. */
    public static OrderState approve(OrderState s) {
        requireStatus(s, Move.APPROVE);
        return withStatus(s, fulfilmentStatus(s.lines()));
    }

    /** RECEIVED, ACCEPTED, WAITING_APPROVAL or ON_HOLD → REJECTED; active exceptions stay recorded. */
    public static OrderState reject(OrderState s) {
        requireStatus(s, Move.REJECT);
        return new OrderState(s.orderId(), OrderStatus.REJECTED, null, s.activeExceptions(), s.lines());
    }

    /** Reserves {@code qty} more of a line; fulfilment phase only. */
    public static OrderState allocate(OrderState s, String lineId, int qty) {
        return moveLine(
                s,
                Move.ALLOCATE,
                lineId,
                qty,
                LineQuantities::availableToAllocate,
                "available to allocate",
                q -> q.withAllocated(q.allocated() + qty));
    }

    /** Releases {@code qty} allocated but unfulfilled units of a line; fulfilment phase only. */
    public static OrderState deallocate(OrderState s, String lineId, int qty) {
        return moveLine(
                s,
                Move.DEALLOCATE,
                lineId,
                qty,
                LineQuantities::availableToDeallocate,
                "available to deallocate (allocated, not fulfilled)",
                q -> q.withAllocated(q.allocated() - qty));
    }

    /** Records {@code qty} allocated units of a line as shipped; fulfilment phase only. */
    public static OrderState fulfil(OrderState s, String lineId, int qty) {
        return moveLine(
                s,
                Move.FULFIL,
                lineId,
                qty,
                LineQuantities::availableToFulfil,
                "available to fulfil (allocated, not fulfilled)",
                q -> q.withFulfilled(q.fulfilled() + qty));
    }

    /**
     * Cancels {@code qty} unallocated units of a line (allocated units must be deallocated first). Allowed
     * in working statuses and ON_HOLD; the order becomes CANCELLED when its net quantity reaches 0.
     */
    public static OrderState cancel(OrderState s, String lineId, int qty) {
        return moveLine(
                s,
                Move.CANCEL,
                lineId,
                qty,
                LineQuantities::availableToAllocate,
                "available to cancel (unallocated)",
                q -> q.withCanceled(q.canceled() + qty));
    }

    /** Opens a return for {@code qty} fulfilled units of a line; PARTIALLY_FULFILLED, FULFILLED or CLOSED. */
    public static OrderState returnInitiate(OrderState s, String lineId, int qty) {
        return moveLine(
                s,
                Move.RETURN_INITIATE,
                lineId,
                qty,
                LineQuantities::availableToReturn,
                "available to return (fulfilled, not in a return)",
                q -> q.withReturnInitiated(q.returnInitiated() + qty));
    }

    /** Records {@code qty} units of an open return of a line as received back; same statuses as returnInitiate. */
    public static OrderState markReturned(OrderState s, String lineId, int qty) {
        return moveLine(
                s,
                Move.RETURN,
                lineId,
                qty,
                l -> l.returnInitiated() - l.returned(),
                "awaiting return (return initiated, not returned)",
                q -> q.withReturned(q.returned() + qty));
    }

    /**
     * Gives back {@code qty} units of an open return of a line that will not come back (the return was rejected or
     * cancelled): they may be returned again. Same statuses as returnInitiate.
     */
    public static OrderState returnRelease(OrderState s, String lineId, int qty) {
        return moveLine(
                s,
                Move.RETURN_RELEASE,
                lineId,
                qty,
                l -> l.returnInitiated() - l.returned(),
                "awaiting return (return initiated, not returned)",
                q -> q.withReturnInitiated(q.returnInitiated() - qty));
    }

    /**
     * Sends {@code qty} fulfilled units of a line again (lost or damaged on the way), at no charge; each shipped unit
     * at most once. Same statuses as returnInitiate; the order's status stays as it is.
     */
    public static OrderState reship(OrderState s, String lineId, int qty) {
        return moveLine(
                s,
                Move.RESHIP,
                lineId,
                qty,
                LineQuantities::availableToReship,
                "available to reship (fulfilled, not reshipped)",
                q -> q.withReshipped(q.reshipped() + qty));
    }

    /** FULFILLED → CLOSED; the caller asserts that everything shipped is invoiced and paid. */
    public static OrderState close(OrderState s) {
        requireStatus(s, Move.CLOSE);
        return withStatus(s, CLOSED);
    }

    /**
     * Records one more active process exception. A working order goes ON_HOLD, remembering where it was;
     * an ON_HOLD or final order keeps its status.
     */
    public static OrderState hold(OrderState s) {
        Objects.requireNonNull(s, "state");
        OrderStatus status = s.status();
        if (status.isWorking()) {
            return new OrderState(s.orderId(), ON_HOLD, status, s.activeExceptions() + 1, s.lines());
        }
        if (status == ON_HOLD || status.isFinal()) {
            return new OrderState(s.orderId(), status, s.heldFrom(), s.activeExceptions() + 1, s.lines());
        }
        throw refused(
                s, Move.HOLD, "status " + status + " cannot be held"); // unreachable today: every status is covered
    }

    /**
     * Resolves one active process exception. When the last one goes, an ON_HOLD order returns to the
     * pre-fulfilment status it left, or to the status its quantities give.
     */
    public static OrderState release(OrderState s) {
        Objects.requireNonNull(s, "state");
        if (s.activeExceptions() == 0) {
            throw refused(s, Move.RELEASE, "no active exception to release");
        }
        int remaining = s.activeExceptions() - 1;
        if (s.status() != ON_HOLD || remaining > 0) {
            return new OrderState(s.orderId(), s.status(), s.heldFrom(), remaining, s.lines());
        }
        OrderStatus back = s.heldFrom().isPreFulfilment() ? s.heldFrom() : fulfilmentStatus(s.lines());
        return new OrderState(s.orderId(), back, null, 0, s.lines());
    }

    private static void requireStatus(OrderState s, Move move) {
        Objects.requireNonNull(s, "state");
        Set<OrderStatus> allowed = MOVE_STATUSES.get(move);
        if (allowed.contains(s.status())) {
            return;
        }
        if (s.status() == ON_HOLD) {
            throw refused(s, move, "order is ON_HOLD");
        }
        String needed = allowed.equals(FULFILMENT_PHASE)
                ? FULFILMENT_PHASE_TEXT
                : allowed.equals(CANCELABLE)
                        ? "a working status or ON_HOLD"
                        : "status "
                                + String.join(
                                        " or ", allowed.stream().map(Enum::name).toList());
        throw refused(s, move, "needs " + needed + ", order is " + s.status());
    }

    /**
     * A quantity move: checks the status, that the line exists and that {@code qty} fits what is {@code available},
     * then replaces the line by its {@code changed} quantities.
     */
    private static OrderState moveLine(
            OrderState s,
            Move move,
            String lineId,
            int qty,
            ToIntFunction<LineQuantities> available,
            String availableWhat,
            UnaryOperator<LineQuantities> changed) {
        requireStatus(s, move);
        LineQuantities q = line(s, move, lineId, qty, available, availableWhat);
        return withLine(s, move, lineId, () -> changed.apply(q));
    }

    /** The line a quantity move works on, after checking that it exists and {@code qty} fits. */
    private static LineQuantities line(
            OrderState s,
            Move move,
            String lineId,
            int qty,
            ToIntFunction<LineQuantities> available,
            String availableWhat) {
        LineQuantities q = s.lines().get(lineId);
        if (q == null) {
            throw refused(s, move, "line " + lineId + ": no such line on the order");
        }
        if (qty <= 0) {
            throw refused(s, move, "line " + lineId + ": quantity " + qty + " must be greater than 0");
        }
        int max = available.applyAsInt(q);
        if (qty > max) {
            throw refused(s, move, "line " + lineId + ": quantity " + qty + " exceeds " + max + " " + availableWhat);
        }
        return q;
    }

    /** The state with one line replaced and the status its quantities now give. */
    private static OrderState withLine(OrderState s, Move move, String lineId, Supplier<LineQuantities> changed) {
        Map<String, LineQuantities> lines = new LinkedHashMap<>(s.lines());
        try {
            lines.put(lineId, changed.get()); // an existing key keeps its place in a LinkedHashMap
        } catch (IllegalArgumentException e) {
            throw refused(s, move, "line " + lineId + ": " + e.getMessage()); // safety net: line() should refuse first
        }
        OrderStatus status = s.status();
        OrderStatus heldFrom = s.heldFrom();
        if (fulfilmentStatus(lines) == CANCELLED) {
            status = CANCELLED;
            heldFrom = null;
        } else if (status.isFulfilmentPhase()) {
            status = fulfilmentStatus(lines);
        } else if (status == ON_HOLD && heldFrom.isFulfilmentPhase()) {
            heldFrom = fulfilmentStatus(lines); // keep heldFrom truthful; release recomputes anyway
        }
        try {
            return new OrderState(s.orderId(), status, heldFrom, s.activeExceptions(), lines);
        } catch (IllegalArgumentException e) {
            throw refused(s, move, e.getMessage()); // safety net, as above
        }
    }

    private static OrderState withStatus(OrderState s, OrderStatus status) {
        return new OrderState(s.orderId(), status, null, s.activeExceptions(), s.lines());
    }

    private static IllegalMoveException refused(OrderState s, Move move, String rule) {
        return new IllegalMoveException(s.orderId(), move, rule);
    }

    private static Map<Move, Set<OrderStatus>> moveStatuses() {
        Set<OrderStatus> all = EnumSet.allOf(OrderStatus.class);
        Map<Move, Set<OrderStatus>> allowed = new EnumMap<>(Move.class);
        allowed.put(Move.ACCEPT, EnumSet.of(RECEIVED));
        allowed.put(Move.WAIT_FOR_APPROVAL, EnumSet.of(ACCEPTED));
        allowed.put(Move.APPROVE, EnumSet.of(ACCEPTED, WAITING_APPROVAL));
        allowed.put(Move.REJECT, EnumSet.of(RECEIVED, ACCEPTED, WAITING_APPROVAL, ON_HOLD));
        allowed.put(Move.ALLOCATE, FULFILMENT_PHASE);
        allowed.put(Move.DEALLOCATE, FULFILMENT_PHASE);
        allowed.put(Move.FULFIL, FULFILMENT_PHASE);
        allowed.put(Move.CANCEL, CANCELABLE);
        allowed.put(Move.RETURN_INITIATE, RETURNABLE);
        allowed.put(Move.RETURN, RETURNABLE);
        allowed.put(Move.RETURN_RELEASE, RETURNABLE);
        allowed.put(Move.RESHIP, RETURNABLE);
        allowed.put(Move.CLOSE, EnumSet.of(FULFILLED));
        allowed.put(Move.HOLD, all); // every status takes a hold
        allowed.put(Move.RELEASE, all); // refused by the count of active exceptions, not by status
        allowed.replaceAll((move, statuses) -> Collections.unmodifiableSet(statuses));
        return allowed;
    }

    private static Map<PipelineStep, Set<OrderStatus>> stepStatuses() {
        Map<PipelineStep, Set<OrderStatus>> acted = new EnumMap<>(PipelineStep.class);
        acted.put(PipelineStep.ACCEPT, EnumSet.of(RECEIVED));
        acted.put(PipelineStep.ENSURE_FUNDS, EnumSet.of(ACCEPTED));
        // ALLOCATED and FULFILLED have nothing left to allocate
        acted.put(PipelineStep.ALLOCATE, EnumSet.of(APPROVED, PARTIALLY_ALLOCATED, PARTIALLY_FULFILLED));
        // a shipment fulfils quantity as it is recorded: before PARTIALLY_FULFILLED nothing has shipped
        acted.put(PipelineStep.INVOICE, EnumSet.of(PARTIALLY_FULFILLED, FULFILLED));
        acted.replaceAll((step, statuses) -> Collections.unmodifiableSet(statuses));
        return acted;
    }

    private static Set<OrderStatus> statuses(Predicate<OrderStatus> which) {
        Set<OrderStatus> set = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus s : OrderStatus.values()) {
            if (which.test(s)) {
                set.add(s);
            }
        }
        return set;
    }
}
