package dev.orderhub.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsAreVersionSevenUuidsThatSortByTheMillisecondTheyWereMade() throws InterruptedException {
        String first = Ids.timeOrdered();
        long before = System.currentTimeMillis();
        while (System.currentTimeMillis() == before) {
            Thread.onSpinWait();
        }
        String second = Ids.timeOrdered();

        UUID parsed = UUID.fromString(first);
        assertThat(parsed.version()).isEqualTo(7);
        assertThat(parsed.variant()).isEqualTo(2);
        assertThat(first).isLessThan(second);
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        List<String> ids =
                IntStream.range(0, 10_000).mapToObj(i -> Ids.timeOrdered()).toList();
        Set<String> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSize(ids.size());
    }
}
