package dev.orderhub.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What Shopify sends with a webhook, computed here independently of the hub's code. */
public final class ShopifyWebhooks {
    private ShopifyWebhooks() {}

    /** The {@code X-Shopify-Hmac-Sha256} header: base64 of HMAC-SHA256 over the raw body under the shared secret. */
    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
