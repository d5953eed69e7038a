package dev.orderhub.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.HubTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stock rows every order shares are changed as a transaction commits (Inventory): two allocations that both saw
 * the last units cannot both take them, and an order's own reservations count against what it sees next.
 */
@HubTest
class StockAtCommitIT {
    private static final String LOCATION = "WH-EAST";

    @Autowired
    Inventory inventory;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void twoAllocationsThatSawTheLastUnitsCommitOneAndTheOtherFailsToRunAgain() throws Exception {
        String sku = "AT-COMMIT-" + UUID.randomUUID();
        transaction.executeWithoutResult(tx -> inventory.setOnHand(LOCATION, sku, 3));
        CountDownLatch bothSawThree = new CountDownLatch(2);
        List<CompletableFuture<String>> allocations = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            allocations.add(CompletableFuture.supplyAsync(() -> {
                try {
                    transaction.executeWithoutResult(tx -> {
                        int seen =
                                inventory.available(List.of(sku)).get(LOCATION).get(sku);
                        bothSawThree.countDown();
                        await(bothSawThree);
                        inventory.reserveAtCommit(LOCATION, sku, seen);
                    });
                    return "committed";
                } catch (ConcurrencyFailureException taken) {
                    return "taken first";
                }
            }));
        }

        List<String> outcomes = new ArrayList<>();
        for (CompletableFuture<String> allocation : allocations) {
            outcomes.add(allocation.get(30, TimeUnit.SECONDS));
        }

        assertThat(outcomes).containsExactlyInAnyOrder("committed", "taken first");
        Inventory.Level level = inventory.levels(sku).get(0);
        assertThat(level.onHand()).isEqualTo(3);
        assertThat(level.reserved()).isEqualTo(3);
    }

    @Test
    void reservationsAndShipmentsOfOneTransactionLandTogetherAndCountAgainstItsNextLook() {
        String sku = "AT-COMMIT-" + UUID.randomUUID();
        transaction.executeWithoutResult(tx -> inventory.setOnHand(LOCATION, sku, 10));

        int seenAfterReserving = transaction.execute(tx -> {
            inventory.reserveAtCommit(LOCATION, sku, 4);
            assertThat(inventory.levels(sku).get(0).reserved())
                    .as("nothing written before the commit")
                    .isZero();
            return inventory.available(List.of(sku)).get(LOCATION).get(sku);
        });
        transaction.executeWithoutResult(tx -> inventory.shipAtCommit(LOCATION, sku, 4));

        assertThat(seenAfterReserving).isEqualTo(6);
        Inventory.Level level = inventory.levels(sku).get(0);
        assertThat(level.onHand()).isEqualTo(6);
        assertThat(level.reserved()).isZero();
    }

    /**
     * Transactions booking the same stock rows, named in opposite orders, lock them in one order: none waits for
     * another in a cycle (PostgreSQL would cancel one as a deadlock), and every unit is booked.
     */
    @Test
    void transactionsBookingTheSameRowsTogetherNeverDeadlock() throws Exception {
        List<String> skus = IntStream.range(0, 10)
                .mapToObj(i -> "SHARED-" + UUID.randomUUID())
                .toList();
        transaction.executeWithoutResult(tx -> skus.forEach(sku -> inventory.setOnHand(LOCATION, sku, 1000)));
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> bookings = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                List<String> named = new ArrayList<>(skus);
                if (i % 2 == 1) {
                    Collections.reverse(named);
                }
                bookings.add(workers.submit(() -> transaction.executeWithoutResult(
                        tx -> named.forEach(sku -> inventory.reserveAtCommit(LOCATION, sku, 1)))));
            }
            for (Future<?> booking : bookings) {
                booking.get(60, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(skus)
                .allSatisfy(sku -> assertThat(inventory.levels(sku).get(0).reserved())
                        .as(sku)
                        .isEqualTo(40));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
