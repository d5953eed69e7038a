package dev.orderhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.support.ShopifyWebhooks;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ShopifySignatureTest {
    private static final byte[] BODY =
            "{\"id\":5821447340137,\"total_price\":\"73.70\"}".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "shpss_0a1b2c3d4e5f";

    @Test
    void matchesAnIndependentlyComputedHmac() {
        // RFC 4231 test case 2: HMAC-SHA256 of "what do ya want for nothing?" under key "Jefe"
        byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        String header = Base64.getEncoder()
                .encodeToString(
                        HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        assertThat(ShopifySignature.verify(body, header, "Jefe")).isTrue();
    }

    @Test
    void theRightSignatureIsAccepted() {
        String header = ShopifyWebhooks.sign(BODY, SECRET);
        assertThat(ShopifySignature.verify(BODY, header, SECRET)).isTrue();
        assertThat(ShopifySignature.verify(BODY, " " + header + " ", SECRET))
                .as("surrounding blanks")
                .isTrue();
    }

    @Test
    void aChangedBodyWrongSecretOrForgedHeaderIsRefused() {
        String header = ShopifyWebhooks.sign(BODY, SECRET);
        byte[] tampered = "{\"id\":5821447340137,\"total_price\":\"0.01\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(ShopifySignature.verify(tampered, header, SECRET)).isFalse();
        assertThat(ShopifySignature.verify(BODY, header, "another-secret")).isFalse();
        assertThat(ShopifySignature.verify(BODY, ShopifyWebhooks.sign(BODY, "another-secret"), SECRET))
                .isFalse();
        assertThat(ShopifySignature.verify(BODY, header.substring(0, 20), SECRET))
                .as("truncated")
                .isFalse();
        assertThat(ShopifySignature.verify(BODY, "not base64!", SECRET)).isFalse();
    }

    @Test
    void aMissingHeaderOrSecretIsRefused() {
        String header = ShopifyWebhooks.sign(BODY, SECRET);
        assertThat(ShopifySignature.verify(BODY, null, SECRET)).isFalse();
        assertThat(ShopifySignature.verify(BODY, "", SECRET)).isFalse();
        assertThat(ShopifySignature.verify(BODY, header, null)).isFalse();
        assertThat(ShopifySignature.verify(BODY, header, "")).isFalse();
        assertThat(ShopifySignature.verify(null, header, SECRET)).isFalse();
    }
}
