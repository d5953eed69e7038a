package dev.orderhub.exception;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.lifecycle.IllegalMoveException;
import dev.orderhub.lifecycle.Lifecycle;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.shared.Headers;
import dev.orderhub.store.Change;
import dev.orderhub.store.Orders;
import dev.orderhub.store.Outbox;
import dev.orderhub.store.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records process exceptions and acts on them. A failed step of a stored order puts it ON_HOLD (a retry that fails
 * again updates the same exception); closing the last active exception releases the order and its failed step runs
 * again. A message that never became an order keeps its original for replay.
 */
@Service
public class ProcessExceptions {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessExceptions.class);
    private final ProcessExceptionRepository repository;
    private final Orders orders;
    private final Outbox outbox;
    private final Events events;
    private final TransactionTemplate transaction;
    private final ProcessExceptionMetrics metrics;

    ProcessExceptions(
            ProcessExceptionRepository repository,
            Orders orders,
            Outbox outbox,
            Events events,
            TransactionTemplate transaction,
            ProcessExceptionMetrics metrics) {
        this.repository = repository;
        this.orders = orders;
        this.outbox = outbox;
        this.events = events;
        this.transaction = transaction;
        this.metrics = metrics;
    }

    /** A message that never became an order; returns the exception's number. */
    public String recordMessage(FailedMessage failed) {
        return recordMessage(failed, null);
    }

    /**
     * A message about an order that could not be sent (an outbox row parked): found under the order ({@code orderId=}
     * in the list) without holding it, and replayed like any message.
     */
    public String recordMessage(FailedMessage failed, String orderId) {
        if (failed.replayOf() != null && repository.find(failed.replayOf()).isPresent()) {
            transaction.executeWithoutResult(tx -> {
                repository.recordFailure(failed.replayOf(), describe(failed.cause()), false);
                repository.history(failed.replayOf(), "REPLAY_FAILED", describe(failed.cause()));
            });
            return failed.replayOf();
        }
        Instant now = Instant.now();
        ProcessException.Category category = categoryOf(failed.cause(), ProcessException.Category.CONNECTOR);
        String number = transaction.execute(tx -> {
            String next = repository.nextNumber();
            ProcessException pe = new ProcessException(
                    next,
                    category,
                    ProcessException.Level.LOW,
                    ProcessException.Level.LOW,
                    ProcessException.Status.NEW,
                    null,
                    describe(failed.cause()),
                    failed.description(),
                    failed.externalReference(),
                    failed.source(),
                    null,
                    failed.cause().getClass().getName(),
                    Failures.isTransient(failed.cause()),
                    failed.attempts(),
                    failed.firstFailure() != null ? failed.firstFailure() : now,
                    now,
                    failed.original(),
                    now,
                    now,
                    null);
            repository.insert(pe, orderId, false);
            repository.history(next, "CREATED", "from " + failed.source().routeId());
            outbox.append(List.of(created(pe, orderId)));
            return next;
        });
        metrics.created(category);
        // one line for the log: what and where, not the message (it may quote the message's data)
        LOG.warn(
                "{} ({}): a message from route {} was not taken: {}",
                number,
                category,
                failed.source().routeId(),
                failed.cause().getClass().getSimpleName());
        return number;
    }

    /**
     * A step of a stored order failed: hold the order with an exception naming the step, of the category the step
     * declares unless the failure names its own.
     */
    String recordStep(String orderId, String step, ProcessException.Category stepCategory, Throwable cause) {
        ProcessException.Category category = categoryOf(cause, stepCategory);
        String[] number = new String[1];
        boolean[] isNew = new boolean[1];
        orders.change(orderId, "HELD", order -> {
            Optional<String> active = repository.activeFor(orderId, step);
            if (active.isPresent()) {
                number[0] = active.get();
                isNew[0] = false;
                boolean wasHolding = repository.holding(number[0]);
                repository.recordFailure(number[0], describe(cause), true);
                repository.history(number[0], "FAILED_AGAIN", describe(cause));
                return Change.of(
                        wasHolding ? order : order.withState(Lifecycle.hold(order.state())),
                        number[0] + " failed again at " + step + ": " + describe(cause));
            }
            Instant now = Instant.now();
            number[0] = repository.nextNumber();
            isNew[0] = true;
            ProcessException pe = new ProcessException(
                    number[0],
                    category,
                    ProcessException.Level.HIGH,
                    ProcessException.Level.HIGH,
                    ProcessException.Status.NEW,
                    new ProcessException.AttachedTo("order", orderId),
                    describe(cause),
                    "step " + step + " failed for order " + order.externalOrderId() + " of " + order.channel(),
                    order.externalOrderId(),
                    new ProcessException.Source(step, "lifecycle", "order " + orderId, null),
                    step,
                    cause.getClass().getName(),
                    Failures.isTransient(cause),
                    1,
                    now,
                    now,
                    null,
                    now,
                    now,
                    null);
            repository.insert(pe, orderId, true);
            repository.history(number[0], "CREATED", "order " + orderId + " put ON_HOLD");
            return new Change(
                    order.withState(Lifecycle.hold(order.state())),
                    number[0] + " at " + step + ": " + describe(cause),
                    List.of(created(pe, orderId)));
        });
        if (isNew[0]) {
            metrics.created(category);
        }
        LOG.warn(
                "{} ({}): step {} of order {} failed{}: {}",
                number[0],
                category,
                step,
                orderId,
                isNew[0] ? "" : " again",
                cause.getClass().getSimpleName());
        return number[0];
    }

    public ProcessException get(String number) {
        return repository.find(number).orElseThrow(() -> new ProcessExceptionNotFoundException(number));
    }

    public Page<ProcessException> list(ProcessExceptionFilter filter, int page, int size) {
        return new Page<>(
                repository.list(filter, page, size).stream()
                        .map(ProcessException::withoutOriginal)
                        .toList(),
                page,
                size,
                repository.count(filter));
    }

    List<String> numbers(ProcessExceptionFilter filter, int limit) {
        return repository.numbers(filter, limit);
    }

    /** Moves an exception to a status; closing the last active one releases its order. Returns true if released. */
    boolean moveTo(String number, ProcessException.Status target, String note) {
        ProcessException pe = get(number);
        if (!pe.status().active()) {
            throw new IllegalStateException(number + " is " + pe.status() + " and can no longer change");
        }
        String orderId = pe.attachedTo() == null ? null : pe.attachedTo().id();
        boolean release = !target.active() && orderId != null && repository.holding(number);
        transaction.executeWithoutResult(tx -> {
            repository.updateStatus(number, target, !target.active() ? false : repository.holding(number));
            repository.history(number, target.name(), note);
            if (!target.active()) {
                outbox.append(List.of(events.event(
                        EventType.PROCESS_EXCEPTION_RESOLVED,
                        orderId != null ? orderId : number,
                        new Resolved(number, target.name(), orderId, note))));
            }
            if (release) {
                orders.change(
                        orderId,
                        "RELEASED",
                        o -> Change.of(
                                o.withState(Lifecycle.release(o.state())),
                                number + " " + target.name().toLowerCase()));
            }
        });
        return release;
    }

    /** Counts a retry; for an attached exception also releases its hold so that the step may run again. */
    boolean startRetry(String number, String replayedTo) {
        ProcessException pe = get(number);
        String orderId = pe.attachedTo() == null ? null : pe.attachedTo().id();
        boolean release = orderId != null && pe.status().active() && repository.holding(number);
        transaction.executeWithoutResult(tx -> {
            repository.countAttempt(number);
            repository.history(
                    number,
                    "RETRIED",
                    orderId == null
                            ? "original replayed through " + replayedTo
                            : "step " + pe.failedStep() + " run again");
            if (release) {
                repository.updateStatus(number, pe.status(), false);
                orders.change(
                        orderId,
                        "RETRIED",
                        o -> Change.of(o.withState(Lifecycle.release(o.state())), "retry of " + number));
            }
        });
        return release;
    }

    /**
     * A message replayed through its route's replay entry (an operator's retry, header {@code orderhubPeNumber})
     * went through: its exception is resolved.
     */
    public void replayWentThrough(@Header(Headers.PE_NUMBER) String number) {
        resolvedByRetry(number, "the replayed message went through");
    }

    /** A replayed message became an order, or a retried step went through: the exception is resolved. */
    public void resolvedByRetry(String number, String detail) {
        repository
                .find(number)
                .filter(pe -> pe.status().active())
                .ifPresent(pe -> transaction.executeWithoutResult(tx -> {
                    repository.updateStatus(number, ProcessException.Status.RESOLVED, false);
                    repository.history(number, "RESOLVED", detail);
                    outbox.append(List.of(events.event(
                            EventType.PROCESS_EXCEPTION_RESOLVED,
                            pe.attachedTo() != null ? pe.attachedTo().id() : number,
                            new Resolved(
                                    number,
                                    "RESOLVED",
                                    pe.attachedTo() == null
                                            ? null
                                            : pe.attachedTo().id(),
                                    detail))));
                }));
    }

    /** An operator's corrected original, replayed instead of what was received; both stay in the history. */
    void correctOriginal(String number, String body) {
        ProcessException pe = get(number);
        if (!pe.status().active()) {
            throw new IllegalStateException(number + " is " + pe.status() + ": only an active exception is retried");
        }
        if (pe.attachedTo() != null) {
            throw new IllegalStateException(number + " is attached to an order: fix the cause, then retry");
        }
        transaction.executeWithoutResult(tx -> {
            repository.history(
                    number,
                    "CORRECTED",
                    "original body replaced; it was: " + pe.original().body());
            repository.correctOriginal(number, body);
        });
    }

    /** An order rejected or cancelled by an operator closes its active exceptions: nothing is left to retry. */
    public void voidAllFor(String orderId, String note) {
        repository.list(new ProcessExceptionFilter(null, null, null, orderId, null, null), 0, 1000).stream()
                .filter(pe -> pe.status().active())
                .forEach(pe -> moveTo(pe.number(), ProcessException.Status.VOIDED, note));
    }

    boolean stillHolding(String number) {
        return repository.holding(number);
    }

    private CloudEvent created(ProcessException pe, String orderId) {
        return events.event(
                EventType.PROCESS_EXCEPTION_CREATED, orderId != null ? orderId : pe.number(), pe.withoutOriginal());
    }

    /** The category a failure names itself (an illegal move, invalid data, a categorized one), else the given one. */
    static ProcessException.Category categoryOf(Throwable cause, ProcessException.Category otherwise) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CategorizedFailure categorized) {
                return categorized.category();
            }
            if (t instanceof IllegalMoveException) {
                return ProcessException.Category.LIFECYCLE;
            }
            if (t instanceof OrderValidationException) {
                return ProcessException.Category.VALIDATION;
            }
        }
        return otherwise;
    }

    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** Data of orderhub.process-exception.resolved. */
    record Resolved(String number, String status, String orderId, String note) {}
}
