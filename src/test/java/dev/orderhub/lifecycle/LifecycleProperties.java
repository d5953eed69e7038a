package dev.orderhub.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of moves, legal and illegal, over random orders: after every step the line invariants and
 * the status rules hold, a refused move changes nothing, and a move is refused exactly when the rules say so.
 */
class LifecycleProperties {

    private static final int TRIES = 1000;

    /** How an action picks its quantity: all that is available, part of it, or an arbitrary (often illegal) number. */
    enum Qty {
        ALL,
        SOME,
        RAW
    }

    /** One random action; line and quantity are resolved against the state it meets. */
    record Action(Move move, boolean unknownLine, int line, Qty qty, int raw) {
        @Override
        public String toString() {
            return move + (unknownLine ? "(no such line" : "(line#" + line) + ", " + qty
                    + (qty == Qty.ALL ? "" : " " + raw) + ")";
        }
    }

    /** An order of 1..5 lines, each ordered 1..20, and the actions to apply to it. */
    record Scenario(List<Integer> ordered, List<Action> actions) {
        OrderState start() {
            Map<String, Integer> lines = new LinkedHashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                lines.put("L" + (i + 1), ordered.get(i));
            }
            return OrderState.received("o-prop", lines);
        }
    }

    /** The outcome of one step. */
    record Step(
            OrderState before, Action action, String lineId, int qty, OrderState after, IllegalMoveException refusal) {}

    @Property(tries = TRIES)
    void everyStepKeepsTheRules(@ForAll("scenarios") Scenario scenario) {
        Set<OrderStatus> reached = EnumSet.noneOf(OrderStatus.class);
        OrderState s = scenario.start();
        reached.add(s.status());
        assertRules(s, scenario);
        for (Action action : scenario.actions()) {
            OrderState copy = copyOf(s);
            Step step = apply(s, action);
            boolean legal = legal(s, action.move(), step.lineId(), step.qty());
            assertThat(Lifecycle.allows(action.move(), s.status()) || step.refusal() != null)
                    .as("%s done on %s, a status its rule does not allow", action, s)
                    .isTrue();
            Statistics.label("move outcome").collect(action.move(), step.refusal() == null ? "done" : "refused");
            if (step.refusal() != null) {
                assertThat(legal)
                        .as(
                                "%s refused, though legal on %s: %s",
                                action, s, step.refusal().getMessage())
                        .isFalse();
                assertThat(s).as("refused move left the state as it was").isEqualTo(copy);
                assertThat(step.refusal().orderId()).isEqualTo("o-prop");
                assertThat(step.refusal().move()).isEqualTo(action.move());
                assertThat(step.refusal().getMessage()).startsWith("order o-prop: " + action.move() + " refused: ");
            } else {
                assertThat(legal).as("%s done, though illegal on %s", action, s).isTrue();
                assertThat(step.after()).isNotNull();
                if (action.move() == Move.RESHIP) {
                    assertReshipMovesOnlyReshipped(s, step);
                }
                s = step.after();
                reached.add(s.status());
            }
            assertRules(s, scenario);
        }
        reached.forEach(status -> Statistics.label("statuses reached").collect(status));
        Statistics.label("statuses reached").coverage(coverage -> {
            for (OrderStatus status : OrderStatus.values()) {
                coverage.check(status).count(n -> n >= TRIES / 50); // every status in at least 2% of tries
            }
            coverage.check(OrderStatus.FULFILLED).count(n -> n >= TRIES / 5);
            coverage.check(OrderStatus.PARTIALLY_FULFILLED).count(n -> n >= TRIES / 4);
        });
        Statistics.label("move outcome").coverage(coverage -> {
            for (Move move : Move.values()) {
                coverage.check(move, "done").count(n -> n >= TRIES / 20);
                if (move != Move.HOLD) { // every status may take a hold
                    coverage.check(move, "refused").count(n -> n >= TRIES / 20);
                }
            }
        });
    }

    @Property(tries = TRIES)
    void releaseAfterHoldReturnsToTheStateBeforeTheHold(
            @ForAll("scenarios") Scenario scenario, @ForAll @IntRange(min = 1, max = 3) int holds) {
        OrderState s = scenario.start();
        for (Action action : scenario.actions()) {
            OrderState held = s;
            for (int i = 0; i < holds; i++) {
                held = Lifecycle.hold(held);
            }
            assertThat(held.activeExceptions()).isEqualTo(s.activeExceptions() + holds);
            if (s.status().isWorking()) {
                assertThat(held.status()).isEqualTo(OrderStatus.ON_HOLD);
                assertThat(held.heldFrom()).isEqualTo(s.status());
            } else {
                assertThat(held.status()).isEqualTo(s.status());
            }
            OrderState released = held;
            for (int i = 0; i < holds; i++) {
                released = Lifecycle.release(released);
            }
            assertThat(released)
                    .as("hold x%d then release x%d on %s", holds, holds, s)
                    .isEqualTo(s);
            Statistics.label("held from").collect(s.status());
            Step step = apply(s, action);
            if (step.after() != null) {
                s = step.after();
            }
        }
    }

    /** Guards against a vacuous property: the generator must drive orders all the way through. */
    @Example
    void scenariosReachEveryStatus() {
        Set<OrderStatus> reached = EnumSet.noneOf(OrderStatus.class);
        scenarios().sampleStream().limit(300).forEach(scenario -> {
            OrderState s = scenario.start();
            for (Action action : scenario.actions()) {
                Step step = apply(s, action);
                if (step.after() != null) {
                    s = step.after();
                    reached.add(s.status());
                }
            }
        });
        assertThat(reached).containsAll(EnumSet.allOf(OrderStatus.class));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Integer>> ordered =
                Arbitraries.integers().between(1, 20).list().ofMinSize(1).ofMaxSize(5);
        // most sequences start approved, so the fulfilment phase is reached often
        Arbitrary<List<Action>> prefix = Arbitraries.frequency(
                Tuple.of(6, List.of(fixed(Move.ACCEPT), fixed(Move.APPROVE))),
                Tuple.of(1, List.of(fixed(Move.ACCEPT), fixed(Move.WAIT_FOR_APPROVAL), fixed(Move.APPROVE))),
                Tuple.of(1, List.of(fixed(Move.ACCEPT))),
                Tuple.of(2, List.<Action>of()));
        // uniform sizes: jqwik's default favours short lists, which rarely get an order shipped
        // edge cases off for actions: they are lists of the first or last move only, a quarter of all tries
        Arbitrary<List<Action>> rest = action().list()
                .ofMinSize(1)
                .ofMaxSize(57)
                .withSizeDistribution(RandomDistribution.uniform())
                .withoutEdgeCases();
        return Combinators.combine(ordered, prefix, rest).as((o, p, r) -> {
            List<Action> actions = new ArrayList<>(p);
            actions.addAll(r);
            return new Scenario(o, actions);
        });
    }

    private static Arbitrary<Action> action() {
        Arbitrary<Move> move = Arbitraries.frequency(
                Tuple.of(2, Move.ACCEPT),
                Tuple.of(1, Move.WAIT_FOR_APPROVAL),
                Tuple.of(2, Move.APPROVE),
                Tuple.of(1, Move.REJECT),
                Tuple.of(14, Move.ALLOCATE),
                Tuple.of(3, Move.DEALLOCATE),
                Tuple.of(14, Move.FULFIL),
                Tuple.of(3, Move.CANCEL),
                Tuple.of(4, Move.RETURN_INITIATE),
                Tuple.of(4, Move.RETURN),
                Tuple.of(4, Move.RETURN_RELEASE),
                Tuple.of(4, Move.RESHIP),
                Tuple.of(3, Move.CLOSE),
                Tuple.of(1, Move.HOLD),
                Tuple.of(3, Move.RELEASE));
        Arbitrary<Boolean> unknownLine = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(19, false));
        Arbitrary<Integer> line = Arbitraries.integers().between(0, 4);
        Arbitrary<Qty> qty = Arbitraries.frequency(Tuple.of(6, Qty.ALL), Tuple.of(3, Qty.SOME), Tuple.of(1, Qty.RAW));
        Arbitrary<Integer> raw = Arbitraries.integers().between(-2, 25);
        return Combinators.combine(move, unknownLine, line, qty, raw).as(Action::new);
    }

    private static Action fixed(Move move) {
        return new Action(move, false, 0, Qty.ALL, 0);
    }

    /** Resolves the action's line and quantity against {@code s} and applies it. */
    static Step apply(OrderState s, Action a) {
        List<String> ids = new ArrayList<>(s.lines().keySet());
        if (a.qty() != Qty.RAW) {
            // aim at a line the move can work on, so that orders get shipped; RAW keeps hitting any line
            List<String> workable = ids.stream()
                    .filter(id -> available(a.move(), s.lines().get(id)) > 0)
                    .toList();
            ids = workable.isEmpty() ? ids : workable;
        }
        String lineId = a.unknownLine() ? "NOPE" : ids.get(a.line() % ids.size());
        LineQuantities q = s.lines().get(lineId);
        int available = q == null ? 0 : available(a.move(), q);
        int qty = switch (a.qty()) {
            case ALL -> available;
            case SOME -> available > 0 ? 1 + Math.abs(a.raw()) % available : a.raw();
            case RAW -> a.raw();
        };
        try {
            OrderState after = switch (a.move()) {
                case ACCEPT -> Lifecycle.accept(s);
                case WAIT_FOR_APPROVAL -> Lifecycle.waitForApproval(s);
                case APPROVE -> Lifecycle.approve(s);
                case REJECT -> Lifecycle.reject(s);
                case ALLOCATE -> Lifecycle.allocate(s, lineId, qty);
                case DEALLOCATE -> Lifecycle.deallocate(s, lineId, qty);
                case FULFIL -> Lifecycle.fulfil(s, lineId, qty);
                case CANCEL -> Lifecycle.cancel(s, lineId, qty);
                case RETURN_INITIATE -> Lifecycle.returnInitiate(s, lineId, qty);
                case RETURN -> Lifecycle.markReturned(s, lineId, qty);
                case RETURN_RELEASE -> Lifecycle.returnRelease(s, lineId, qty);
                case RESHIP -> Lifecycle.reship(s, lineId, qty);
                case CLOSE -> Lifecycle.close(s);
                case HOLD -> Lifecycle.hold(s);
                case RELEASE -> Lifecycle.release(s);
            };
            return new Step(s, a, lineId, qty, after, null);
        } catch (IllegalMoveException e) {
            return new Step(s, a, lineId, qty, null, e);
        }
    }

    private static int available(Move move, LineQuantities q) {
        return switch (move) {
            case ALLOCATE, CANCEL -> q.availableToAllocate();
            case DEALLOCATE -> q.availableToDeallocate();
            case FULFIL -> q.availableToFulfil();
            case RETURN_INITIATE -> q.availableToReturn();
            case RETURN, RETURN_RELEASE -> q.returnInitiated() - q.returned();
            case RESHIP -> q.fulfilled() - q.reshipped();
            default -> 0;
        };
    }

    /** The rules restated independently of Lifecycle: is this move allowed on this state? */
    private static boolean legal(OrderState s, Move move, String lineId, int qty) {
        LineQuantities q = s.lines().get(lineId);
        boolean qtyFits = q != null && qty > 0 && qty <= available(move, q);
        return statusAllows(move, s.status())
                && switch (move) {
                    case ALLOCATE, DEALLOCATE, FULFIL, CANCEL, RETURN_INITIATE, RETURN, RETURN_RELEASE, RESHIP ->
                        qtyFits;
                    case RELEASE -> s.activeExceptions() > 0;
                    default -> true;
                };
    }

    /** The status part of the rules, restated independently of Lifecycle. */
    private static boolean statusAllows(Move move, OrderStatus st) {
        return switch (move) {
            case ACCEPT -> st == OrderStatus.RECEIVED;
            case WAIT_FOR_APPROVAL -> st == OrderStatus.ACCEPTED;
            case APPROVE -> st == OrderStatus.ACCEPTED || st == OrderStatus.WAITING_APPROVAL;
            case REJECT ->
                EnumSet.of(
                                OrderStatus.RECEIVED,
                                OrderStatus.ACCEPTED,
                                OrderStatus.WAITING_APPROVAL,
                                OrderStatus.ON_HOLD)
                        .contains(st);
            case ALLOCATE, DEALLOCATE, FULFIL -> st.isFulfilmentPhase();
            case CANCEL -> st.isWorking() || st == OrderStatus.ON_HOLD;
            case RETURN_INITIATE, RETURN, RETURN_RELEASE, RESHIP ->
                EnumSet.of(OrderStatus.PARTIALLY_FULFILLED, OrderStatus.FULFILLED, OrderStatus.CLOSED)
                        .contains(st);
            case CLOSE -> st == OrderStatus.FULFILLED;
            case HOLD, RELEASE -> true;
        };
    }

    @Example
    void allowsAnswersTheStatusPartOfEveryMovesRule() {
        for (Move move : Move.values()) {
            for (OrderStatus status : OrderStatus.values()) {
                assertThat(Lifecycle.allows(move, status))
                        .as("%s on %s", move, status)
                        .isEqualTo(statusAllows(move, status));
            }
        }
    }

    /** What the pipeline steps may find to do on a reachable state, said from its quantities alone. */
    private static void assertStepsActWhereThereIsWork(OrderState s) {
        OrderStatus st = s.status();
        int leftToAllocate = s.netQuantity() - s.allocatedQuantity();
        if (st.isFulfilmentPhase() && leftToAllocate > 0) {
            assertThat(Lifecycle.actsOn(PipelineStep.ALLOCATE, st))
                    .as("allocate acts on %s", s)
                    .isTrue();
        }
        if (Lifecycle.everythingLeftToAllocate(st)) {
            assertThat(s.allocatedQuantity()).as("nothing allocated on %s", s).isZero();
            assertThat(leftToAllocate).as("something to allocate on %s", s).isPositive();
        }
        // a working order with something shipped has an invoice to post or is to be closed
        if (st.isWorking() && s.fulfilledQuantity() > 0) {
            assertThat(Lifecycle.actsOn(PipelineStep.INVOICE, st))
                    .as("invoice acts on %s", s)
                    .isTrue();
        }
        if (Lifecycle.actsOn(PipelineStep.INVOICE, st)) {
            assertThat(s.fulfilledQuantity()).as("something shipped on %s", s).isPositive();
        }
        for (PipelineStep step : PipelineStep.values()) {
            if (Lifecycle.actsOn(step, st)) {
                assertThat(st.isWorking())
                        .as("%s acts on %s, a working status", step, st)
                        .isTrue();
                assertThat(Lifecycle.redriven()).contains(st);
            }
        }
    }

    private static void assertRules(OrderState s, Scenario scenario) {
        assertThat(new ArrayList<>(s.lines().keySet()))
                .isEqualTo(new ArrayList<>(scenario.start().lines().keySet()));
        int i = 0;
        for (LineQuantities q : s.lines().values()) {
            // construct-validating: the compact constructor re-checks every invariant
            assertThat(new LineQuantities(
                            q.ordered(),
                            q.canceled(),
                            q.allocated(),
                            q.fulfilled(),
                            q.returnInitiated(),
                            q.returned(),
                            q.reshipped()))
                    .isEqualTo(q);
            // restated independently: what was returned or sent again was shipped first
            assertThat(q.returned()).isLessThanOrEqualTo(q.returnInitiated());
            assertThat(q.returnInitiated()).isLessThanOrEqualTo(q.fulfilled());
            assertThat(q.reshipped()).isLessThanOrEqualTo(q.fulfilled());
            assertThat(q.fulfilled()).isLessThanOrEqualTo(q.allocated());
            assertThat((long) q.canceled() + q.allocated()).isLessThanOrEqualTo(q.ordered());
            assertThat(q.ordered()).isEqualTo(scenario.ordered().get(i++));
        }
        if (s.status().isFulfilmentPhase()) {
            assertThat(s.status()).isEqualTo(Lifecycle.fulfilmentStatus(s.lines()));
        }
        if (s.netQuantity() == 0) {
            assertThat(s.status()).isEqualTo(OrderStatus.CANCELLED);
        }
        assertThat(s.status() == OrderStatus.ON_HOLD).isEqualTo(s.heldFrom() != null);
        assertThat(s.activeExceptions()).isGreaterThanOrEqualTo(0);
        if (s.status() == OrderStatus.ON_HOLD) {
            assertThat(s.heldFrom().isWorking()).isTrue();
            assertThat(s.activeExceptions()).isPositive();
        }
        if (s.status().isWorking()) {
            assertThat(s.activeExceptions()).isZero();
        }
        assertStepsActWhereThereIsWork(s);
    }

    /** A reship sends shipped units again: it counts them as reshipped and changes nothing else, status included. */
    private static void assertReshipMovesOnlyReshipped(OrderState before, Step step) {
        OrderState after = step.after();
        assertThat(after.status()).isEqualTo(before.status());
        before.lines().forEach((lineId, q) -> {
            LineQuantities expected = lineId.equals(step.lineId())
                    ? new LineQuantities(
                            q.ordered(),
                            q.canceled(),
                            q.allocated(),
                            q.fulfilled(),
                            q.returnInitiated(),
                            q.returned(),
                            q.reshipped() + step.qty())
                    : q;
            assertThat(after.lines().get(lineId)).isEqualTo(expected);
        });
    }

    private static OrderState copyOf(OrderState s) {
        return new OrderState(
                s.orderId(), s.status(), s.heldFrom(), s.activeExceptions(), new LinkedHashMap<>(s.lines()));
    }
}
