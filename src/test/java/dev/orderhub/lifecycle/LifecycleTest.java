package dev.orderhub.lifecycle;

import static dev.orderhub.lifecycle.OrderStatus.ACCEPTED;
import static dev.orderhub.lifecycle.OrderStatus.ALLOCATED;
import static dev.orderhub.lifecycle.OrderStatus.APPROVED;
import static dev.orderhub.lifecycle.OrderStatus.CANCELLED;
import static dev.orderhub.lifecycle.OrderStatus.CLOSED;
import static dev.orderhub.lifecycle.OrderStatus.FULFILLED;
import static dev.orderhub.lifecycle.OrderStatus.ON_HOLD;
import static dev.orderhub.lifecycle.OrderStatus.PARTIALLY_ALLOCATED;
import static dev.orderhub.lifecycle.OrderStatus.PARTIALLY_FULFILLED;
import static dev.orderhub.lifecycle.OrderStatus.RECEIVED;
import static dev.orderhub.lifecycle.OrderStatus.REJECTED;
import static dev.orderhub.lifecycle.OrderStatus.WAITING_APPROVAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LifecycleTest {

    /** Order "o1": line "1" of 4 units, line "2" of 6 units. */
    static OrderState received() {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        ordered.put("1", 4);
        ordered.put("2", 6);
        return OrderState.received("o1", ordered);
    }

    static OrderState approved() {
        return Lifecycle.approve(Lifecycle.accept(received()));
    }

    static OrderState allocated() {
        return Lifecycle.allocate(Lifecycle.allocate(approved(), "1", 4), "2", 6);
    }

    static OrderState fulfilled() {
        return Lifecycle.fulfil(Lifecycle.fulfil(allocated(), "1", 4), "2", 6);
    }

    /** A state in the given status, reached through legal moves only. */
    static OrderState inStatus(OrderStatus status) {
        return switch (status) {
            case RECEIVED -> received();
            case ACCEPTED -> Lifecycle.accept(received());
            case WAITING_APPROVAL -> Lifecycle.waitForApproval(Lifecycle.accept(received()));
            case APPROVED -> approved();
            case PARTIALLY_ALLOCATED -> Lifecycle.allocate(approved(), "1", 2);
            case ALLOCATED -> allocated();
            case PARTIALLY_FULFILLED -> Lifecycle.fulfil(allocated(), "2", 1);
            case FULFILLED -> fulfilled();
            case CLOSED -> Lifecycle.close(fulfilled());
            case ON_HOLD -> Lifecycle.hold(allocated());
            case CANCELLED -> Lifecycle.cancel(Lifecycle.cancel(received(), "1", 4), "2", 6);
            case REJECTED -> Lifecycle.reject(received());
        };
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            ThrowingCallable move, Move expectedMove, String rule) {
        return assertThatThrownBy(move)
                .isInstanceOfSatisfying(IllegalMoveException.class, e -> {
                    assertThat(e.orderId()).isEqualTo("o1");
                    assertThat(e.move()).isEqualTo(expectedMove);
                    assertThat(e.rule()).isEqualTo(rule);
                })
                .hasMessage("order o1: " + expectedMove + " refused: " + rule);
    }

    static LineQuantities line(OrderState s, String lineId) {
        return s.lines().get(lineId);
    }

    @Nested
    class Statuses {
        @ParameterizedTest
        @CsvSource({
            "RECEIVED, false, false, true", "ACCEPTED, false, false, true", "WAITING_APPROVAL, false, false, true",
            "APPROVED, false, true, true", "PARTIALLY_ALLOCATED, false, true, true", "ALLOCATED, false, true, true",
            "PARTIALLY_FULFILLED, false, true, true", "FULFILLED, false, true, true", "CLOSED, true, false, false",
            "ON_HOLD, false, false, false", "CANCELLED, true, false, false", "REJECTED, true, false, false"
        })
        void classification(OrderStatus status, boolean isFinal, boolean fulfilmentPhase, boolean working) {
            assertThat(status.isFinal()).isEqualTo(isFinal);
            assertThat(status.isFulfilmentPhase()).isEqualTo(fulfilmentPhase);
            assertThat(status.isWorking()).isEqualTo(working);
        }

        @ParameterizedTest
        @EnumSource(OrderStatus.class)
        void everyStatusIsReachableForTheseTests(OrderStatus status) {
            assertThat(inStatus(status).status()).isEqualTo(status);
        }
    }

    @Nested
    class StepsAndQueries {
        /** Which statuses each pipeline step acts on, the sweeper re-drives, and an account's open balance counts. */
        @ParameterizedTest
        @CsvSource({
            "RECEIVED,            true,  false, false, false, true,  false",
            "ACCEPTED,            false, true,  false, false, true,  false",
            "WAITING_APPROVAL,    false, false, false, false, false, false",
            "APPROVED,            false, false, true,  false, true,  true",
            "PARTIALLY_ALLOCATED, false, false, true,  false, true,  true",
            "ALLOCATED,           false, false, false, false, false, true",
            "PARTIALLY_FULFILLED, false, false, true,  true,  true,  true",
            "FULFILLED,           false, false, false, true,  true,  true",
            "CLOSED,              false, false, false, false, false, false",
            "ON_HOLD,             false, false, false, false, false, true",
            "CANCELLED,           false, false, false, false, false, false",
            "REJECTED,            false, false, false, false, false, false"
        })
        void statusTable(
                OrderStatus status,
                boolean accept,
                boolean ensureFunds,
                boolean allocate,
                boolean invoice,
                boolean redriven,
                boolean openBalance) {
            assertThat(Lifecycle.actsOn(PipelineStep.ACCEPT, status))
                    .as("accept")
                    .isEqualTo(accept);
            assertThat(Lifecycle.actsOn(PipelineStep.ENSURE_FUNDS, status))
                    .as("ensure funds")
                    .isEqualTo(ensureFunds);
            assertThat(Lifecycle.actsOn(PipelineStep.ALLOCATE, status))
                    .as("allocate")
                    .isEqualTo(allocate);
            assertThat(Lifecycle.actsOn(PipelineStep.INVOICE, status))
                    .as("invoice")
                    .isEqualTo(invoice);
            assertThat(Lifecycle.redriven().contains(status)).as("re-driven").isEqualTo(redriven);
            assertThat(Lifecycle.openBalanceStatuses().contains(status))
                    .as("open balance")
                    .isEqualTo(openBalance);
            for (PipelineStep step : PipelineStep.values()) {
                assertThat(Lifecycle.statusesActedOn(step).contains(status)).isEqualTo(Lifecycle.actsOn(step, status));
            }
        }

        @Test
        void eachStepActsOnlyWhereItsMovesAreAllowed() {
            for (OrderStatus status : OrderStatus.values()) {
                if (Lifecycle.actsOn(PipelineStep.ACCEPT, status)) {
                    assertThat(Lifecycle.allows(Move.ACCEPT, status) && Lifecycle.allows(Move.REJECT, status))
                            .isTrue();
                }
                if (Lifecycle.actsOn(PipelineStep.ENSURE_FUNDS, status)) {
                    assertThat(Lifecycle.allows(Move.APPROVE, status)
                                    && Lifecycle.allows(Move.WAIT_FOR_APPROVAL, status))
                            .isTrue();
                }
                if (Lifecycle.actsOn(PipelineStep.ALLOCATE, status)) {
                    assertThat(Lifecycle.allows(Move.ALLOCATE, status)).isTrue();
                }
                if (Lifecycle.allows(Move.CLOSE, status)) {
                    assertThat(Lifecycle.actsOn(PipelineStep.INVOICE, status))
                            .as("the invoice step closes")
                            .isTrue();
                }
            }
        }

        @Test
        void onlyAnApprovedOrderHasEverythingLeftToAllocate() {
            for (OrderStatus status : OrderStatus.values()) {
                assertThat(Lifecycle.everythingLeftToAllocate(status))
                        .as("%s", status)
                        .isEqualTo(status == APPROVED);
            }
            OrderState approved = Lifecycle.approve(Lifecycle.accept(Lifecycle.cancel(received(), "2", 2)));
            assertThat(approved.lines().values())
                    .allSatisfy(q -> assertThat(q.availableToAllocate()).isEqualTo(q.net()));
        }

        @Test
        void theAnsweredSetsCannotBeChanged() {
            assertThatThrownBy(() -> Lifecycle.redriven().add(CLOSED))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> Lifecycle.openBalanceStatuses().remove(ACCEPTED))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() ->
                            Lifecycle.statusesActedOn(PipelineStep.ALLOCATE).clear())
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Quantities {
        @Test
        void derivedAvailabilities() {
            LineQuantities q = new LineQuantities(10, 2, 5, 3, 2, 1, 2);
            assertThat(q.net()).isEqualTo(8);
            assertThat(q.availableToAllocate()).isEqualTo(3);
            assertThat(q.availableToDeallocate()).isEqualTo(2);
            assertThat(q.availableToFulfil()).isEqualTo(2);
            assertThat(q.availableToReturn()).isEqualTo(1);
            assertThat(q.unfulfilled()).isEqualTo(5);
            assertThat(q.availableToReship()).isEqualTo(1);
            assertThat(LineQuantities.of(7)).isEqualTo(new LineQuantities(7, 0, 0, 0, 0, 0, 0));
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "0|0|0|0|0|0|0|ordered must be greater than 0",
                    "-1|0|0|0|0|0|0|ordered must not be negative (was -1)",
                    "5|-1|0|0|0|0|0|canceled must not be negative (was -1)",
                    "5|0|0|0|0|-2|0|returned must not be negative (was -2)",
                    "5|3|3|0|0|0|0|canceled + allocated must not exceed ordered (3 + 3 > 5)",
                    "5|0|2|3|0|0|0|fulfilled must not exceed allocated (3 > 2)",
                    "5|0|3|2|3|0|0|returnInitiated must not exceed fulfilled (3 > 2)",
                    "5|0|3|2|1|2|0|returned must not exceed returnInitiated (2 > 1)",
                    "5|0|3|2|0|0|3|reshipped must not exceed fulfilled (3 > 2)",
                    "5|0|0|0|0|0|-1|reshipped must not be negative (was -1)",
                    "5|2147483647|2147483647|0|0|0|0|canceled + allocated must not exceed ordered (2147483647 + 2147483647 > 5)"
                })
        void invariantsAreChecked(int o, int c, int a, int f, int ri, int r, int rs, String rule) {
            assertThatThrownBy(() -> new LineQuantities(o, c, a, f, ri, r, rs))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(rule);
        }

        @Test
        void receivedOrderKeepsLineOrderAndIsUnmodifiable() {
            Map<String, Integer> ordered = new LinkedHashMap<>();
            ordered.put("b", 1);
            ordered.put("a", 2);
            ordered.put("c", 3);
            OrderState s = OrderState.received("o1", ordered);
            ordered.put("d", 4);

            assertThat(s.lines()).containsOnlyKeys("b", "a", "c");
            assertThat(s.lines().keySet()).containsExactly("b", "a", "c");
            assertThat(s.status()).isEqualTo(RECEIVED);
            assertThat(s.heldFrom()).isNull();
            assertThat(s.activeExceptions()).isZero();
            assertThat(s.netQuantity()).isEqualTo(6);
            assertThatThrownBy(() -> s.lines().put("x", LineQuantities.of(1)))
                    .isInstanceOf(UnsupportedOperationException.class);
            // a line keeps its place after a move
            OrderState moved = Lifecycle.cancel(s, "b", 1);
            assertThat(moved.lines().keySet()).containsExactly("b", "a", "c");
        }

        @Test
        void totals() {
            OrderState s = Lifecycle.fulfil(Lifecycle.allocate(Lifecycle.cancel(approved(), "2", 1), "2", 3), "2", 2);
            assertThat(s.netQuantity()).isEqualTo(9);
            assertThat(s.allocatedQuantity()).isEqualTo(3);
            assertThat(s.fulfilledQuantity()).isEqualTo(2);
        }

        @Test
        void stateRulesAreChecked() {
            Map<String, LineQuantities> lines = received().lines();
            assertThatThrownBy(() -> OrderState.received("o1", Map.of("1", 0)))
                    .hasMessage("line 1: ordered must be greater than 0");
            assertThatThrownBy(() -> OrderState.received("o1", Map.of())).hasMessage("an order has at least one line");
            assertThatThrownBy(() -> new OrderState(" ", RECEIVED, null, 0, lines))
                    .hasMessage("orderId is required");
            assertThatThrownBy(() -> new OrderState("o1", ON_HOLD, null, 1, lines))
                    .hasMessageContaining("ON_HOLD order needs heldFrom");
            assertThatThrownBy(() -> new OrderState("o1", ON_HOLD, CLOSED, 1, lines))
                    .hasMessageContaining("ON_HOLD order needs heldFrom");
            assertThatThrownBy(() -> new OrderState("o1", ON_HOLD, ACCEPTED, 0, lines))
                    .hasMessage("an ON_HOLD order has at least one active exception");
            assertThatThrownBy(() -> new OrderState("o1", APPROVED, ACCEPTED, 0, lines))
                    .hasMessage("heldFrom is set only while ON_HOLD (status APPROVED)");
            assertThatThrownBy(() -> new OrderState("o1", ACCEPTED, null, 1, lines))
                    .hasMessageContaining("would be ON_HOLD");
            assertThatThrownBy(() -> new OrderState("o1", CANCELLED, null, -1, lines))
                    .hasMessage("activeExceptions must not be negative (was -1)");
            assertThatThrownBy(() -> OrderState.received("o1", Map.of("1", Integer.MAX_VALUE, "2", 1)))
                    .hasMessageContaining("too large");
        }
    }

    @Nested
    class FulfilmentStatus {
        /** Two lines of 4 and 6 units. */
        @ParameterizedTest(name = "[{index}] {0}/{1}/{2} + {3}/{4}/{5} -> {6}")
        @CsvSource({
            // canceled, allocated, fulfilled of line 1 | of line 2 | status
            "4, 0, 0,  6, 0, 0,  CANCELLED",
            "0, 0, 0,  0, 0, 0,  APPROVED",
            "4, 0, 0,  0, 0, 0,  APPROVED",
            "0, 1, 0,  0, 0, 0,  PARTIALLY_ALLOCATED",
            "0, 4, 0,  0, 5, 0,  PARTIALLY_ALLOCATED",
            "0, 4, 0,  0, 6, 0,  ALLOCATED",
            "4, 0, 0,  0, 6, 0,  ALLOCATED",
            "2, 2, 0,  1, 5, 0,  ALLOCATED",
            "0, 1, 1,  0, 0, 0,  PARTIALLY_FULFILLED",
            "0, 4, 4,  0, 6, 5,  PARTIALLY_FULFILLED",
            "0, 4, 4,  0, 0, 0,  PARTIALLY_FULFILLED",
            "0, 4, 4,  0, 6, 6,  FULFILLED",
            "4, 0, 0,  0, 6, 6,  FULFILLED",
            "3, 1, 1,  2, 4, 4,  FULFILLED"
        })
        void derivedFromQuantities(int c1, int a1, int f1, int c2, int a2, int f2, OrderStatus expected) {
            Map<String, LineQuantities> lines = new LinkedHashMap<>();
            lines.put("1", new LineQuantities(4, c1, a1, f1, 0, 0, 0));
            lines.put("2", new LineQuantities(6, c2, a2, f2, 0, 0, 0));
            assertThat(Lifecycle.fulfilmentStatus(lines)).isEqualTo(expected);
        }

        @Test
        void returnsDoNotChangeTheDerivedStatus() {
            assertThat(Lifecycle.fulfilmentStatus(Map.of("1", new LineQuantities(4, 0, 4, 4, 4, 4, 0))))
                    .isEqualTo(FULFILLED);
        }
    }

    @Nested
    class StatusMoves {
        @Test
        void acceptWaitApproveClose() {
            OrderState accepted = Lifecycle.accept(received());
            assertThat(accepted.status()).isEqualTo(ACCEPTED);
            assertThat(accepted.lines()).isEqualTo(received().lines());
            OrderState waiting = Lifecycle.waitForApproval(accepted);
            assertThat(waiting.status()).isEqualTo(WAITING_APPROVAL);
            assertThat(Lifecycle.approve(waiting).status()).isEqualTo(APPROVED);
            assertThat(Lifecycle.approve(accepted).status()).isEqualTo(APPROVED);
            assertThat(Lifecycle.close(fulfilled()).status()).isEqualTo(CLOSED);
        }

        @Test
        void approveAfterPartialCancelDerivesFromQuantities() {
            OrderState s = Lifecycle.approve(Lifecycle.cancel(Lifecycle.accept(received()), "1", 4));
            assertThat(s.status()).isEqualTo(APPROVED);
            assertThat(s.netQuantity()).isEqualTo(6);
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = "RECEIVED", mode = EnumSource.Mode.EXCLUDE)
        void acceptOnlyFromReceived(OrderStatus status) {
            OrderState s = inStatus(status);
            assertRefused(
                    () -> Lifecycle.accept(s),
                    Move.ACCEPT,
                    status == ON_HOLD ? "order is ON_HOLD" : "needs status RECEIVED, order is " + status);
        }

        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {"ACCEPTED", "ON_HOLD"},
                mode = EnumSource.Mode.EXCLUDE)
        void waitForApprovalOnlyFromAccepted(OrderStatus status) {
            assertRefused(
                    () -> Lifecycle.waitForApproval(inStatus(status)),
                    Move.WAIT_FOR_APPROVAL,
                    "needs status ACCEPTED, order is " + status);
        }

        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {"ACCEPTED", "WAITING_APPROVAL", "ON_HOLD"},
                mode = EnumSource.Mode.EXCLUDE)
        void approveOnlyFromAcceptedOrWaiting(OrderStatus status) {
            assertRefused(
                    () -> Lifecycle.approve(inStatus(status)),
                    Move.APPROVE,
                    "needs status ACCEPTED or WAITING_APPROVAL, order is " + status);
        }

        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {"FULFILLED", "ON_HOLD"},
                mode = EnumSource.Mode.EXCLUDE)
        void closeOnlyFromFulfilled(OrderStatus status) {
            assertRefused(
                    () -> Lifecycle.close(inStatus(status)), Move.CLOSE, "needs status FULFILLED, order is " + status);
        }

        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {"RECEIVED", "ACCEPTED", "WAITING_APPROVAL", "ON_HOLD"})
        void reject(OrderStatus status) {
            OrderState s = inStatus(status);
            OrderState rejected = Lifecycle.reject(s);
            assertThat(rejected.status()).isEqualTo(REJECTED);
            assertThat(rejected.heldFrom()).isNull();
            assertThat(rejected.activeExceptions()).isEqualTo(s.activeExceptions());
            assertThat(rejected.lines()).isEqualTo(s.lines());
        }

        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {"RECEIVED", "ACCEPTED", "WAITING_APPROVAL", "ON_HOLD"},
                mode = EnumSource.Mode.EXCLUDE)
        void rejectRefusedElsewhere(OrderStatus status) {
            assertRefused(
                    () -> Lifecycle.reject(inStatus(status)),
                    Move.REJECT,
                    "needs status RECEIVED or ACCEPTED or WAITING_APPROVAL or ON_HOLD, order is " + status);
        }
    }

    @Nested
    class QuantityMoves {
        @Test
        void allocateDerivesStatus() {
            OrderState partly = Lifecycle.allocate(approved(), "1", 3);
            assertThat(partly.status()).isEqualTo(PARTIALLY_ALLOCATED);
            assertThat(line(partly, "1")).isEqualTo(new LineQuantities(4, 0, 3, 0, 0, 0, 0));
            OrderState all = Lifecycle.allocate(Lifecycle.allocate(partly, "1", 1), "2", 6);
            assertThat(all.status()).isEqualTo(ALLOCATED);
        }

        @Test
        void deallocateDerivesStatus() {
            OrderState s = Lifecycle.deallocate(allocated(), "2", 2);
            assertThat(s.status()).isEqualTo(PARTIALLY_ALLOCATED);
            assertThat(line(s, "2").allocated()).isEqualTo(4);
            s = Lifecycle.deallocate(Lifecycle.deallocate(s, "2", 4), "1", 4);
            assertThat(s.status()).isEqualTo(APPROVED);
        }

        @Test
        void fulfilDerivesStatus() {
            OrderState s = Lifecycle.fulfil(allocated(), "1", 4);
            assertThat(s.status()).isEqualTo(PARTIALLY_FULFILLED);
            assertThat(line(s, "1")).isEqualTo(new LineQuantities(4, 0, 4, 4, 0, 0, 0));
            assertThat(Lifecycle.fulfil(s, "2", 6).status()).isEqualTo(FULFILLED);
            // shipping part of a partial allocation is PARTIALLY_FULFILLED too
            assertThat(Lifecycle.fulfil(Lifecycle.allocate(approved(), "1", 2), "1", 2)
                            .status())
                    .isEqualTo(PARTIALLY_FULFILLED);
        }

        @Test
        void quantityRefusals() {
            OrderState a = Lifecycle.allocate(approved(), "2", 3);
            assertRefused(
                    () -> Lifecycle.allocate(a, "2", 5),
                    Move.ALLOCATE,
                    "line 2: quantity 5 exceeds 3 available to allocate");
            assertRefused(() -> Lifecycle.allocate(a, "9", 1), Move.ALLOCATE, "line 9: no such line on the order");
            assertRefused(() -> Lifecycle.allocate(a, null, 1), Move.ALLOCATE, "line null: no such line on the order");
            assertRefused(
                    () -> Lifecycle.allocate(a, "1", 0), Move.ALLOCATE, "line 1: quantity 0 must be greater than 0");
            assertRefused(
                    () -> Lifecycle.allocate(a, "1", -2), Move.ALLOCATE, "line 1: quantity -2 must be greater than 0");
            OrderState f = Lifecycle.fulfil(a, "2", 1);
            assertRefused(
                    () -> Lifecycle.deallocate(f, "2", 3),
                    Move.DEALLOCATE,
                    "line 2: quantity 3 exceeds 2 available to deallocate (allocated, not fulfilled)");
            assertRefused(
                    () -> Lifecycle.fulfil(f, "2", 3),
                    Move.FULFIL,
                    "line 2: quantity 3 exceeds 2 available to fulfil (allocated, not fulfilled)");
            assertRefused(
                    () -> Lifecycle.fulfil(f, "1", 1),
                    Move.FULFIL,
                    "line 1: quantity 1 exceeds 0 available to fulfil (allocated, not fulfilled)");
            assertRefused(
                    () -> Lifecycle.allocate(a, "2", Integer.MAX_VALUE),
                    Move.ALLOCATE,
                    "line 2: quantity 2147483647 exceeds 3 available to allocate");
        }

        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {"APPROVED", "PARTIALLY_ALLOCATED", "ALLOCATED", "PARTIALLY_FULFILLED", "FULFILLED"},
                mode = EnumSource.Mode.EXCLUDE)
        void fulfilmentMovesRefusedOutsideTheFulfilmentPhase(OrderStatus status) {
            OrderState s = inStatus(status);
            String rule = status == ON_HOLD
                    ? "order is ON_HOLD"
                    : "needs a fulfilment-phase status (APPROVED to FULFILLED), order is " + status;
            assertRefused(() -> Lifecycle.allocate(s, "1", 1), Move.ALLOCATE, rule);
            assertRefused(() -> Lifecycle.deallocate(s, "1", 1), Move.DEALLOCATE, rule);
            assertRefused(() -> Lifecycle.fulfil(s, "1", 1), Move.FULFIL, rule);
        }

        @Test
        void cancelBeforeApprovalKeepsStatusUntilNothingIsLeft() {
            for (OrderStatus status : EnumSet.of(RECEIVED, ACCEPTED, WAITING_APPROVAL)) {
                OrderState partly = Lifecycle.cancel(inStatus(status), "2", 6);
                assertThat(partly.status()).isEqualTo(status);
                assertThat(line(partly, "2").canceled()).isEqualTo(6);
                OrderState none = Lifecycle.cancel(partly, "1", 4);
                assertThat(none.status()).isEqualTo(CANCELLED);
                assertThat(none.netQuantity()).isZero();
            }
        }

        @Test
        void cancelInTheFulfilmentPhaseDerivesStatus() {
            OrderState partlyAllocated = Lifecycle.allocate(approved(), "1", 4);
            assertThat(Lifecycle.cancel(partlyAllocated, "2", 6).status()).isEqualTo(ALLOCATED);
            OrderState partlyFulfilled = Lifecycle.fulfil(partlyAllocated, "1", 4);
            assertThat(Lifecycle.cancel(partlyFulfilled, "2", 6).status()).isEqualTo(FULFILLED);
            assertThat(Lifecycle.cancel(Lifecycle.cancel(approved(), "1", 4), "2", 6)
                            .status())
                    .isEqualTo(CANCELLED);
        }

        @Test
        void cancelOnlyUnallocatedQuantity() {
            OrderState s = Lifecycle.allocate(approved(), "2", 4);
            assertRefused(
                    () -> Lifecycle.cancel(s, "2", 3),
                    Move.CANCEL,
                    "line 2: quantity 3 exceeds 2 available to cancel (unallocated)");
            assertThat(Lifecycle.cancel(Lifecycle.deallocate(s, "2", 1), "2", 3)
                            .lines()
                            .get("2"))
                    .isEqualTo(new LineQuantities(6, 3, 3, 0, 0, 0, 0));
        }

        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {"CLOSED", "CANCELLED", "REJECTED"})
        void cancelRefusedInFinalStatuses(OrderStatus status) {
            assertRefused(
                    () -> Lifecycle.cancel(inStatus(status), "1", 1),
                    Move.CANCEL,
                    "needs a working status or ON_HOLD, order is " + status);
        }

        @Test
        void returns() {
            for (OrderState s : new OrderState[] {inStatus(PARTIALLY_FULFILLED), fulfilled(), inStatus(CLOSED)}) {
                OrderState initiated = Lifecycle.returnInitiate(s, "2", 1);
                assertThat(initiated.status()).isEqualTo(s.status());
                assertThat(line(initiated, "2").returnInitiated()).isEqualTo(1);
                OrderState returned = Lifecycle.markReturned(initiated, "2", 1);
                assertThat(returned.status()).isEqualTo(s.status());
                assertThat(line(returned, "2").returned()).isEqualTo(1);
                assertRefused(
                        () -> Lifecycle.markReturned(returned, "2", 1),
                        Move.RETURN,
                        "line 2: quantity 1 exceeds 0 awaiting return (return initiated, not returned)");
            }
            OrderState initiated = Lifecycle.returnInitiate(fulfilled(), "2", 1);
            OrderState released = Lifecycle.returnRelease(initiated, "2", 1);
            assertThat(line(released, "2")).isEqualTo(line(fulfilled(), "2"));
            assertThat(released.status()).isEqualTo(FULFILLED);
            assertRefused(
                    () -> Lifecycle.returnRelease(released, "2", 1),
                    Move.RETURN_RELEASE,
                    "line 2: quantity 1 exceeds 0 awaiting return (return initiated, not returned)");
            OrderState f = fulfilled();
            assertRefused(
                    () -> Lifecycle.returnInitiate(f, "1", 5),
                    Move.RETURN_INITIATE,
                    "line 1: quantity 5 exceeds 4 available to return (fulfilled, not in a return)");
            assertRefused(
                    () -> Lifecycle.markReturned(f, "1", 1),
                    Move.RETURN,
                    "line 1: quantity 1 exceeds 0 awaiting return (return initiated, not returned)");
        }

        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {"PARTIALLY_FULFILLED", "FULFILLED", "CLOSED"},
                mode = EnumSource.Mode.EXCLUDE)
        void returnsRefusedElsewhere(OrderStatus status) {
            OrderState s = inStatus(status);
            String rule = status == ON_HOLD
                    ? "order is ON_HOLD"
                    : "needs status PARTIALLY_FULFILLED or FULFILLED or CLOSED, order is " + status;
            assertRefused(() -> Lifecycle.returnInitiate(s, "1", 1), Move.RETURN_INITIATE, rule);
            assertRefused(() -> Lifecycle.markReturned(s, "1", 1), Move.RETURN, rule);
        }

        @Test
        void aRefusedMoveLeavesTheStateAsItWas() {
            OrderState s = allocated();
            OrderState copy = new OrderState(
                    s.orderId(), s.status(), s.heldFrom(), s.activeExceptions(), new LinkedHashMap<>(s.lines()));
            assertThatThrownBy(() -> Lifecycle.fulfil(s, "1", 5)).isInstanceOf(IllegalMoveException.class);
            assertThat(s).isEqualTo(copy);
        }
    }

    @Nested
    class HoldAndRelease {
        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {
                    "RECEIVED",
                    "ACCEPTED",
                    "WAITING_APPROVAL",
                    "APPROVED",
                    "PARTIALLY_ALLOCATED",
                    "ALLOCATED",
                    "PARTIALLY_FULFILLED",
                    "FULFILLED"
                })
        void holdAndReleaseReturnToTheWorkingStatus(OrderStatus status) {
            OrderState s = inStatus(status);
            OrderState held = Lifecycle.hold(s);
            assertThat(held.status()).isEqualTo(ON_HOLD);
            assertThat(held.heldFrom()).isEqualTo(status);
            assertThat(held.activeExceptions()).isEqualTo(1);
            assertThat(Lifecycle.release(held)).isEqualTo(s);
        }

        @Test
        void nestedHoldsReleaseOnlyWithTheLastException() {
            OrderState s = Lifecycle.hold(Lifecycle.hold(Lifecycle.hold(Lifecycle.accept(received()))));
            assertThat(s.status()).isEqualTo(ON_HOLD);
            assertThat(s.heldFrom()).isEqualTo(ACCEPTED);
            assertThat(s.activeExceptions()).isEqualTo(3);
            s = Lifecycle.release(Lifecycle.release(s));
            assertThat(s.status()).isEqualTo(ON_HOLD);
            assertThat(s.activeExceptions()).isEqualTo(1);
            s = Lifecycle.release(s);
            assertThat(s.status()).isEqualTo(ACCEPTED);
            assertThat(s.heldFrom()).isNull();
            assertThat(s.activeExceptions()).isZero();
        }

        @Test
        void releaseRecomputesTheFulfilmentStatusAfterACancelWhileHeld() {
            OrderState held = Lifecycle.hold(Lifecycle.allocate(approved(), "1", 4));
            assertThat(held.heldFrom()).isEqualTo(PARTIALLY_ALLOCATED);
            OrderState canceled = Lifecycle.cancel(held, "2", 6);
            assertThat(canceled.status()).isEqualTo(ON_HOLD);
            assertThat(canceled.heldFrom()).isEqualTo(ALLOCATED);
            assertThat(Lifecycle.release(canceled).status()).isEqualTo(ALLOCATED);
        }

        @Test
        void onHoldOnlyCancelRejectHoldAndReleaseMove() {
            OrderState held = Lifecycle.hold(Lifecycle.allocate(approved(), "1", 2));
            assertRefused(() -> Lifecycle.fulfil(held, "1", 1), Move.FULFIL, "order is ON_HOLD");
            assertRefused(() -> Lifecycle.close(held), Move.CLOSE, "order is ON_HOLD");
            assertThat(Lifecycle.cancel(held, "1", 2).status()).isEqualTo(ON_HOLD);
            assertThat(Lifecycle.reject(held).status()).isEqualTo(REJECTED);
        }

        @Test
        void cancellingEverythingWhileHeldCancelsAndKeepsTheExceptionsRecorded() {
            OrderState held = Lifecycle.hold(Lifecycle.hold(received()));
            OrderState s = Lifecycle.cancel(Lifecycle.cancel(held, "1", 4), "2", 6);
            assertThat(s.status()).isEqualTo(CANCELLED);
            assertThat(s.heldFrom()).isNull();
            assertThat(s.activeExceptions()).isEqualTo(2);
            s = Lifecycle.release(Lifecycle.release(s));
            assertThat(s.status()).isEqualTo(CANCELLED);
            assertThat(s.activeExceptions()).isZero();
        }

        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {"CLOSED", "CANCELLED", "REJECTED"})
        void onAFinalOrderAnExceptionIsRecordedWithoutChangingStatus(OrderStatus status) {
            OrderState s = inStatus(status);
            OrderState held = Lifecycle.hold(Lifecycle.hold(s));
            assertThat(held.status()).isEqualTo(status);
            assertThat(held.heldFrom()).isNull();
            assertThat(held.activeExceptions()).isEqualTo(2);
            assertThat(held.lines()).isEqualTo(s.lines());
            assertThat(Lifecycle.release(Lifecycle.release(held))).isEqualTo(s);
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = "ON_HOLD", mode = EnumSource.Mode.EXCLUDE)
        void releaseWithoutAnActiveExceptionIsRefused(OrderStatus status) {
            assertRefused(() -> Lifecycle.release(inStatus(status)), Move.RELEASE, "no active exception to release");
        }

        @Test
        void rejectFromHoldKeepsTheExceptionsRecorded() {
            OrderState rejected =
                    Lifecycle.reject(Lifecycle.hold(Lifecycle.waitForApproval(Lifecycle.accept(received()))));
            assertThat(rejected.status()).isEqualTo(REJECTED);
            assertThat(rejected.heldFrom()).isNull();
            assertThat(rejected.activeExceptions()).isEqualTo(1);
            assertThat(Lifecycle.release(rejected).status()).isEqualTo(REJECTED);
        }
    }

    @Test
    void aWholeOrderFromReceiptToReturn() {
        OrderState s = Lifecycle.accept(received());
        s = Lifecycle.waitForApproval(s);
        s = Lifecycle.approve(s);
        s = Lifecycle.allocate(s, "1", 4);
        assertThat(s.status()).isEqualTo(PARTIALLY_ALLOCATED);
        s = Lifecycle.hold(s);
        s = Lifecycle.cancel(s, "2", 1);
        s = Lifecycle.release(s);
        assertThat(s.status()).isEqualTo(PARTIALLY_ALLOCATED);
        s = Lifecycle.allocate(s, "2", 5);
        assertThat(s.status()).isEqualTo(ALLOCATED);
        s = Lifecycle.fulfil(s, "2", 5);
        assertThat(s.status()).isEqualTo(PARTIALLY_FULFILLED);
        s = Lifecycle.fulfil(s, "1", 4);
        assertThat(s.status()).isEqualTo(FULFILLED);
        s = Lifecycle.close(s);
        s = Lifecycle.markReturned(Lifecycle.returnInitiate(s, "1", 2), "1", 2);
        assertThat(s.status()).isEqualTo(CLOSED);
        s = Lifecycle.reship(s, "2", 2);
        assertThat(s.status()).isEqualTo(CLOSED);
        assertThat(line(s, "1")).isEqualTo(new LineQuantities(4, 0, 4, 4, 2, 2, 0));
        assertThat(line(s, "2")).isEqualTo(new LineQuantities(6, 1, 5, 5, 0, 0, 2));
        OrderState reshipped = s;
        assertThatThrownBy(() -> Lifecycle.reship(reshipped, "2", 4))
                .isInstanceOf(IllegalMoveException.class)
                .hasMessageContaining("quantity 4 exceeds 3 available to reship");
    }
}
