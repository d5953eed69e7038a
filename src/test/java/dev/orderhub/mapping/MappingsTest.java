package dev.orderhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.orderhub.order.OrderJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MappingsTest {
    private static final JsonMapper JSON = OrderJson.mapper();

    @TempDir
    Path dir;

    private Mappings mappings(String name, String expression) throws IOException {
        Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name).resolve(name + ".jsonata"), expression);
        return new Mappings(dir);
    }

    @Test
    void mapsJacksonTreesAndPlainMapsAlike() throws IOException {
        Mappings mappings = mappings("echo", "{ 'id': $string(id), 'count': $count(items), 'first': items[0] }");
        JsonNode fromTree = mappings.transform("echo", JSON.readTree("{\"id\": 7, \"items\": [\"a\", \"b\"]}"));
        JsonNode fromMap = mappings.transform("echo", Map.of("id", 7, "items", List.of("a", "b")));
        assertThat(fromTree).isEqualTo(JSON.readTree("{\"id\": \"7\", \"count\": 2, \"first\": \"a\"}"));
        assertThat(fromMap).isEqualTo(fromTree);
    }

    @Test
    void wholeNumbersStayIntegersAndNullsAreLeftOut() throws IOException {
        Mappings mappings = mappings(
                "numbers",
                "{ 'quantity': $number('4'), 'rate': 0.07 * 1, 'sum': 0.1 + 0.2," + " 'gone': null, 'big': id }");
        JsonNode result = mappings.transform("numbers", Map.of("id", 5821447340137123L));
        assertThat(result.get("quantity").isIntegralNumber()).isTrue();
        assertThat(result.get("quantity").asInt()).isEqualTo(4);
        assertThat(result.get("rate").decimalValue()).isEqualByComparingTo("0.07");
        assertThat(result.get("sum").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(result.has("gone")).isFalse();
        assertThat(result.get("big").asLong()).isEqualTo(5821447340137123L);
    }

    @Test
    void moneyIsADecimalStringAtTheCurrencyScale() throws IOException {
        Mappings mappings = mappings(
                "money",
                "{ 'usd': $money('12.5', 'USD'), 'neg': $money(-$abs($number('4.80')),"
                        + " 'USD'), 'jpy': $money(1200, 'JPY'), 'sum': $money(0.1 + 0.2, 'EUR'), 'extra': $money('1.005',"
                        + " 'USD'), 'text': $money('n/a', 'USD'), 'none': $money(missing, 'USD'),"
                        + " 'trailing': $money('3.500') }");
        JsonNode result = mappings.transform("money", Map.of());
        assertThat(result)
                .isEqualTo(JSON.readTree("{\"usd\": \"12.50\", \"neg\": \"-4.80\", \"jpy\": \"1200\","
                        + " \"sum\": \"0.30\", \"extra\": \"1.005\", \"text\": \"n/a\", \"trailing\": \"3.50\"}"));
    }

    @Test
    void bindingsAreVariablesWithOrWithoutTheDollar() throws IOException {
        Mappings mappings = mappings("bound", "{ 'channel': $partner.id, 'currency': $currency }");
        JsonNode result = mappings.transform(
                "bound", Map.of(), Map.of("partner", Map.of("id", "demo"), "$currency", JSON.readTree("\"USD\"")));
        assertThat(result).isEqualTo(JSON.readTree("{\"channel\": \"demo\", \"currency\": \"USD\"}"));
    }

    @Test
    void unknownMappingIsAMappingException() throws IOException {
        Mappings mappings = mappings("known", "{}");
        assertThatThrownBy(() -> mappings.transform("nope", Map.of(), Map.of(), "orders.csv rows 2-4"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("unknown mapping 'nope'")
                .hasMessageContaining("known");
    }

    @Test
    void failureNamesMappingInputAndPositionInTheExpression() throws IOException {
        Mappings mappings = mappings(
                "shopify-test",
                "{\n  \"externalOrderId\": $string(id),\n" + "  \"lines\": $notAFunction(line_items)\n}");
        assertThatThrownBy(() -> mappings.transform("shopify-test", Map.of("id", 123), Map.of(), "shopify order 123"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("mapping 'shopify-test'")
                .hasMessageContaining("shopify order 123")
                .hasMessageContaining("line 3, column")
                .hasMessageContaining("notAFunction")
                .asInstanceOf(type(MappingException.class))
                .satisfies(e -> {
                    assertThat(e.mapping()).isEqualTo("shopify-test");
                    assertThat(e.input()).isEqualTo("shopify order 123");
                    assertThat(e.position()).isPositive();
                });
    }

    @Test
    void withoutADescriptionTheInputIsNamedByItsId() throws IOException {
        Mappings mappings = mappings("fails", "$error('no lines')");
        assertThatThrownBy(() -> mappings.transform("fails", Map.of("@order-no", "00001001")))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("mapping 'fails' failed on input with @order-no 00001001: no lines at line 1,");
    }

    @Test
    void aJavaFailureInsideTheExpressionIsAMappingExceptionToo() throws IOException {
        Mappings mappings = mappings("numbers", "{ 'q': $number(quantity) }");
        assertThatThrownBy(() -> mappings.transform("numbers", Map.of("quantity", "four"), Map.of(), "file.csv row 9"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("mapping 'numbers' failed on file.csv row 9")
                .hasMessageContaining("(value withheld)")
                .as("the value the expression choked on may be personal data")
                .hasMessageNotContaining("four");
    }

    @Test
    void aMappingThatDoesNotCompileFailsAtLoadNamingItsFileAndLine() throws IOException {
        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken").resolve("broken.jsonata"), "{\n  \"a\": foo(\n}");
        assertThatThrownBy(() -> new Mappings(dir))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("mapping 'broken'")
                .hasMessageContaining("broken.jsonata")
                .hasMessageContaining("at line 3, column");
    }

    @Test
    void aResultThatIsNoJsonOrNothingIsRefused() throws IOException {
        Mappings mappings = mappings("empty", "missing");
        assertThatThrownBy(() -> mappings.transform("empty", Map.of(), Map.of(), "input 1"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("produced nothing for input 1");
        Mappings functions = mappings("fn", "{ 'f': function($x) { $x } }");
        assertThatThrownBy(() -> functions.transform("fn", Map.of(), Map.of(), "input 2"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("$.f is not JSON");
    }

    @Test
    void aRunawayExpressionFailsInsteadOfHanging() throws IOException {
        Mappings mappings = mappings("recurse", "( $f := function($n) { $f($n + 1) + 1 }; $f(0) )");
        assertThatThrownBy(() -> mappings.transform("recurse", Map.of(), Map.of(), "input"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("mapping 'recurse' failed on input");
    }

    @Test
    void aMissingFolderMeansNoMappings() {
        Mappings none = new Mappings(dir.resolve("absent"));
        assertThat(none.names()).isEmpty();
        assertThat(none.has("shopify-order")).isFalse();
    }

    @Test
    void oneCompiledMappingServesManyThreads() throws Exception {
        Mappings mappings = new Mappings(Path.of("mappings"));
        JsonNode input = JSON.readTree(Path.of("mappings/shopify-order/examples/gross-discount-two-taxes.input.json")
                .toFile());
        JsonNode once = mappings.transform("shopify-order", input);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                runs.add(pool.submit(
                        () -> mappings.transform("shopify-order", input).equals(once)));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
