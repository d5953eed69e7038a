package dev.orderhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** With no Shopify secret configured, or no signature sent, a webhook is refused before a byte of it is read. */
class ShopifySecretTest {
    private final AtomicLong read = new AtomicLong();
    /** A body without end, as an attacker could send. */
    private final InputStream endless = new InputStream() {
        @Override
        public int read() {
            read.incrementAndGet();
            return '{';
        }
    };

    @Test
    void noSecretConfiguredRefusesAtOnce() {
        ChannelsController channels =
                new ChannelsController(null, JsonMapper.builder().build(), "");
        assertThatThrownBy(() -> channels.shopify(endless, "c2lnbmF0dXJl", "webhook-1"))
                .isInstanceOf(ChannelsController.WebhookSignatureException.class)
                .hasMessageContaining("no Shopify secret");
        assertThat(read).hasValue(0);
    }

    @Test
    void noSignatureRefusesAtOnce() {
        ChannelsController channels =
                new ChannelsController(null, JsonMapper.builder().build(), "a-secret");
        assertThatThrownBy(() -> channels.shopify(endless, null, "webhook-1"))
                .isInstanceOf(ChannelsController.WebhookSignatureException.class);
        assertThat(read).hasValue(0);
    }
}
