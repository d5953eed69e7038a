package dev.orderhub.store;

import dev.orderhub.event.CloudEvent;
import dev.orderhub.event.EventType;
import dev.orderhub.event.Events;
import dev.orderhub.event.OrderCreated;
import dev.orderhub.event.OrderStatusChanged;
import dev.orderhub.lifecycle.LineQuantities;
import dev.orderhub.lifecycle.OrderState;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.Pricing;
import dev.orderhub.order.Source;
import dev.orderhub.shared.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way orders are stored and changed: each change writes the order, its history and its events (outbox)
 * in one transaction, on the order read under its row lock, so that changes of one order queue instead of
 * conflicting. The row version only guards against a change made without that lock; it is not retried here.
 */
@Service
public class Orders {
    private final OrderRepository repository;
    private final OrderHistory history;
    private final Outbox outbox;
    private final Events events;
    private final TransactionTemplate transaction;

    Orders(
            OrderRepository repository,
            OrderHistory history,
            Outbox outbox,
            Events events,
            TransactionTemplate transaction) {
        this.repository = repository;
        this.history = history;
        this.outbox = outbox;
        this.events = events;
        this.transaction = transaction;
    }

    /**
     * Stores a validated order once per (channel, externalOrderId); the same key again answers the stored order.
     * The unique constraint decides, so two racing submissions still make one order.
     */
    public Intake create(Order submitted, Source source) {
        Optional<Order> existing = repository.findByKey(submitted.channel(), submitted.externalOrderId());
        if (existing.isPresent()) {
            return new Intake(existing.get().id(), existing.get().status(), false);
        }
        Order order = received(submitted, source);
        try {
            transaction.executeWithoutResult(tx -> {
                repository.insert(order);
                history.append(
                        order.id(),
                        List.of(new HistoryEntry(
                                order.createdAt(),
                                "CREATED",
                                null,
                                OrderStatus.RECEIVED.name(),
                                "from " + source.kind() + " " + source.position())));
                outbox.append(List.of(events.event(
                        EventType.ORDER_CREATED,
                        order.id(),
                        new OrderCreated(
                                order.id(),
                                order.channel(),
                                order.externalOrderId(),
                                order.status().name(),
                                order.currency(),
                                order.totals(),
                                order.orderedAt(),
                                order.lines().size()))));
            });
            return new Intake(order.id(), order.status(), true);
        } catch (DuplicateKeyException raced) {
            // the same order stored meanwhile answers as a duplicate; a collision no stored order explains is not the
            // message's fault (its lines were validated unique): asked again, it is stored
            Order winner = repository
                    .findByKey(submitted.channel(), submitted.externalOrderId())
                    .orElseThrow(() -> new TransientDataAccessResourceException(
                            "order " + submitted.externalOrderId()
                                    + " of channel " + submitted.channel()
                                    + " met a key that no stored order holds; it may pass when asked again",
                            raced));
            return new Intake(winner.id(), winner.status(), false);
        }
    }

    private static Order received(Order submitted, Source source) {
        Instant now = Instant.now();
        String onlyGroup = submitted.deliveryGroups().size() == 1
                ? submitted.deliveryGroups().get(0).id()
                : null;
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < submitted.lines().size(); i++) {
            OrderLine line = submitted.lines().get(i);
            String lineId = line.lineId() != null ? line.lineId() : String.valueOf(i + 1);
            String group = line.deliveryGroupId() != null ? line.deliveryGroupId() : onlyGroup;
            lines.add(line.withIdAndGroup(lineId, group).withQuantities(LineQuantities.of(line.quantity())));
        }
        Order order = submitted
                .withIntake(submitted.orderedAt() != null ? submitted.orderedAt() : now, lines, source)
                .withStored(Ids.timeOrdered(), 0, now, now);
        order = order.withState(OrderState.received(order.id(), quantities(lines)));
        order = order.withPricing(order.lines(), order.charges(), Pricing.totals(order));
        return order.withPayment(
                order.payment().opened(order.currency(), order.totals().grandTotal()));
    }

    private static Map<String, Integer> quantities(List<OrderLine> lines) {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        lines.forEach(l -> ordered.put(l.lineId(), l.quantity()));
        return ordered;
    }

    /**
     * Applies a change to a stored order in its own transaction (or the caller's), writing history and a
     * status-changed event when the status moved. The step sees the order read under its row lock; it returns null
     * when there is nothing to do (the order moved on meanwhile), and nothing is written.
     */
    public Order change(String orderId, String action, Function<Order, Change> step) {
        return transaction.execute(tx -> apply(orderId, action, step));
    }

    private Order apply(String orderId, String action, Function<Order, Change> step) {
        return apply(repository.lock(orderId).orElseThrow(() -> new OrderNotFoundException(orderId)), action, step);
    }

    /**
     * Applies a change to an order the caller holds under its row lock: inside {@link #locked}, with the order it
     * gave or the order a previous change there returned. Nothing is read again.
     */
    public Order change(Order lockedOrder, String action, Function<Order, Change> step) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("change of a locked order outside its transaction: " + lockedOrder.id());
        }
        return apply(lockedOrder, action, step);
    }

    private Order apply(Order before, String action, Function<Order, Change> step) {
        String orderId = before.id();
        Change change = step.apply(before);
        if (change == null) {
            return before;
        }
        Instant now = Instant.now();
        Order after = change.order().withStored(before.id(), before.version() + 1, before.createdAt(), now);
        List<OrderLine> changedLines = after.lines().stream()
                .filter(l -> !l.quantities().equals(before.line(l.lineId()).quantities()))
                .toList();
        repository.update(before, after, changedLines);
        String from = before.status().name();
        String to = after.status().name();
        history.append(
                orderId, List.of(new HistoryEntry(now, action, from, from.equals(to) ? null : to, change.detail())));
        List<CloudEvent> published = new ArrayList<>(change.events());
        if (!from.equals(to)) {
            published.add(events.event(
                    EventType.ORDER_STATUS_CHANGED,
                    orderId,
                    new OrderStatusChanged(orderId, from, to, change.detail())));
        }
        outbox.append(published);
        return after;
    }

    public List<String> backorderedFor(String sku, int limit) {
        return repository.backorderedFor(sku, limit);
    }

    /**
     * Runs work on an order under its row lock, in one transaction: for a step that decides what to ask an outside
     * system, or records its answer, on the order as it stands. The call itself is made outside (README, "Money
     * moves once").
     */
    public <T> T locked(String orderId, Function<Order, T> work) {
        return transaction.execute(
                tx -> work.apply(repository.lock(orderId).orElseThrow(() -> new OrderNotFoundException(orderId))));
    }

    /** An order's stored status, read from its column: for a step's cheap look before it locks the order. */
    public OrderStatus status(String id) {
        return repository.status(id).map(OrderStatus::valueOf).orElseThrow(() -> new OrderNotFoundException(id));
    }

    public Optional<Order> find(String id) {
        return repository.findById(id);
    }

    public Order get(String id) {
        return repository.findById(id).orElseThrow(() -> new OrderNotFoundException(id));
    }

    public Page<Order> list(OrderQuery query) {
        return new Page<>(repository.list(query), query.page(), query.size(), repository.count(query));
    }

    /**
     * Notes in the history that an order waits for stock, once: driving it again notes nothing until the order
     * changes. Whether it was noted is kept on the order row, not read back from the history.
     */
    public void noteBackorder(String orderId, String action, String note) {
        transaction.executeWithoutResult(tx -> {
            Order order = repository.lock(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
            if (repository
                    .backorderNotedVersion(orderId)
                    .filter(v -> v == order.version())
                    .isPresent()) {
                return;
            }
            Order noted = apply(order, action, o -> Change.of(o, note));
            repository.backorderNoted(orderId, noted.version());
        });
    }

    public Page<HistoryEntry> history(String orderId, int page, int size) {
        get(orderId);
        return new Page<>(history.list(orderId, page, size), page, size, history.count(orderId));
    }

    /** Orders left in one of these statuses without change since {@code before}: the sweeper re-drives them. */
    public List<String> idleIn(Collection<OrderStatus> statuses, Instant before, int limit) {
        return repository.idleIn(statuses, Timestamp.from(before), limit);
    }

    /** Notes that the sweeper re-drove these orders now: the next sweeps take the others first. */
    public void swept(Collection<String> ids) {
        repository.markSwept(ids, Timestamp.from(Instant.now()));
    }
}
