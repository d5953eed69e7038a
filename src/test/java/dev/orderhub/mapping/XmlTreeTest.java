package dev.orderhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlTreeTest {
    private static final String NS = "http://www.demandware.com/xml/impex/order/2006-10-31";

    private static InputStream xml(String document) {
        return new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void elementsAttributesRepeatsAndTextBecomeATree() {
        Map<String, Object> tree = XmlTree.parse(xml("""
                <?xml version="1.0" encoding="UTF-8"?>
                <orders xmlns="%s" xmlns:x="urn:extra" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <order order-no="00001001" x:source="web">
                    <currency>USD</currency>
                    <quantity unit="Stk.">2.0</quantity>
                    <note>Leave at <b>back</b> door</note>
                    <text><![CDATA[a < b & "c"]]> &amp; d</text>
                    <empty/>
                    <address2 xsi:nil="true"/>
                    <x:line>1</x:line>
                    <x:line>2</x:line>
                    <!-- a comment -->
                  </order>
                </orders>
                """.formatted(NS)));
        assertThat(tree)
                .isEqualTo(Map.of(
                        "orders",
                        Map.of(
                                "order",
                                mapOf(
                                        "@order-no",
                                        "00001001",
                                        "@source",
                                        "web",
                                        "currency",
                                        "USD",
                                        "quantity",
                                        Map.of("@unit", "Stk.", "#text", "2.0"),
                                        "note",
                                        Map.of("b", "back", "#text", "Leave at  door"),
                                        "text",
                                        "a < b & \"c\" & d",
                                        "empty",
                                        "",
                                        "address2",
                                        null,
                                        "line",
                                        List.of("1", "2")))));
    }

    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void aDoctypeIsRefused() {
        assertThatThrownBy(() -> XmlTree.parse(xml("<?xml version=\"1.0\"?>\n<!DOCTYPE orders>\n<orders/>")))
                .isInstanceOf(MappingException.class)
                .hasMessage("DOCTYPE is not allowed");
        assertThatThrownBy(() -> XmlTree.orders(xml("<!DOCTYPE orders [<!ELEMENT orders ANY>]><orders/>"), o -> {}))
                .isInstanceOf(MappingException.class)
                .hasMessage("DOCTYPE is not allowed");
    }

    @Test
    void anExternalEntityIsNeverResolved(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cr3t-password");
        String attack = """
                <?xml version="1.0"?>
                <!DOCTYPE orders [<!ENTITY xxe SYSTEM "%s">]>
                <orders><order order-no="1"><note>&xxe;</note></order></orders>
                """.formatted(secret.toUri());
        List<Map<String, Object>> seen = new ArrayList<>();
        assertThatThrownBy(() -> XmlTree.orders(xml(attack), seen::add))
                .isInstanceOf(MappingException.class)
                .hasMessage("DOCTYPE is not allowed")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain("s3cr3t"));
        assertThat(seen).isEmpty();
        assertThatThrownBy(() -> XmlTree.parse(xml(attack))).hasMessage("DOCTYPE is not allowed");
    }

    @Test
    void anExternalDtdOrEntityUrlIsNeverFetched() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            String url = "http://127.0.0.1:" + server.socket().getLocalPort() + "/evil";
            assertThatThrownBy(() -> XmlTree.parse(xml("<!DOCTYPE orders SYSTEM \"" + url + ".dtd\"><orders/>")))
                    .hasMessage("DOCTYPE is not allowed");
            assertThatThrownBy(() -> XmlTree.parse(xml("<!DOCTYPE o [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><o/>")))
                    .hasMessage("DOCTYPE is not allowed");
            // parsing is synchronous: a fetch would have queued a connection by now
            assertThat(server.accept())
                    .as("a connection to the URL the document names")
                    .isNull();
        }
    }

    @Test
    void entityExpansionIsRefused() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>";
        assertThatThrownBy(() -> XmlTree.parse(xml(laughs))).hasMessage("DOCTYPE is not allowed");
        assertThatThrownBy(() -> XmlTree.parse(xml("<orders>&undeclared;</orders>")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("was referenced, but not declared");
    }

    @Test
    void malformedXmlSaysWhere() {
        assertThatThrownBy(() -> XmlTree.parse(xml("<orders>\n<order>\n</orders>")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("malformed XML at line 3");
    }

    @Test
    void ordersBeforeABreakAreHandedOverBeforeTheFailure() {
        List<Object> seen = new ArrayList<>();
        String document = "<orders xmlns=\"" + NS + "\"><order order-no=\"1\"/><order order-no=\"2\"><currency>USD"
                + "</currency></order><order order-no=\"3\"><broken></order></orders>";
        assertThatThrownBy(() -> XmlTree.orders(xml(document), seen::add)).isInstanceOf(MappingException.class);
        assertThat(seen).containsExactly(Map.of("@order-no", "1"), Map.of("@order-no", "2", "currency", "USD"));
    }

    @Test
    void iteratesOrdersLazily() {
        try (XmlTree.Elements orders =
                XmlTree.iterate(xml("<orders><order n=\"a\"/><other/><order n=\"b\"/></orders>"), "order")) {
            Iterator<Map<String, Object>> it = orders;
            assertThat(it.next()).isEqualTo(Map.of("@n", "a"));
            assertThat(it.hasNext()).isTrue();
            assertThat(it.next()).isEqualTo(Map.of("@n", "b"));
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void streamsABigDocumentOneOrderAtATime() {
        int count = 5_000;
        GeneratedDocument document = new GeneratedDocument(count);
        AtomicInteger orders = new AtomicInteger();
        List<Integer> generatedWhenFirstSeen = new ArrayList<>();
        XmlTree.orders(document, order -> {
            if (orders.incrementAndGet() == 1) {
                generatedWhenFirstSeen.add(document.generated);
            }
            assertThat(order.get("@order-no")).isEqualTo(String.format("%08d", orders.get()));
            assertThat(order.get("product-lineitems")).isInstanceOf(Map.class);
        });
        assertThat(orders.get()).isEqualTo(count);
        // the first order was handed over while most of the document was still to be produced
        assertThat(generatedWhenFirstSeen.get(0)).isLessThan(count / 10);
    }

    /** An SFCC export made up while it is read, so that the test never holds the whole document either. */
    private static final class GeneratedDocument extends InputStream {
        private final int orders;
        private int generated;
        private byte[] chunk = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<orders xmlns=\"" + NS + "\">\n")
                .getBytes(StandardCharsets.UTF_8);
        private int position;

        GeneratedDocument(int orders) {
            this.orders = orders;
        }

        @Override
        public int read() {
            if (position == chunk.length && !nextChunk()) {
                return -1;
            }
            return chunk[position++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == chunk.length && !nextChunk()) {
                return -1;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            return n;
        }

        private boolean nextChunk() {
            if (generated > orders) {
                return false;
            }
            String text = generated == orders ? "</orders>\n" : """
                    <order order-no="%08d"><currency>USD</currency><product-lineitems><product-lineitem>\
                    <net-price>10.00</net-price><product-id>SKU-%d</product-id><quantity unit="">1.0</quantity>\
                    </product-lineitem></product-lineitems></order>
                    """.formatted(generated + 1, generated);
            generated++;
            chunk = text.getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        }
    }

    private static String stackText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
