package dev.orderhub.mapping;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify webhook authentication: {@code X-Shopify-Hmac-Sha256} is the base64 HMAC-SHA256 of the raw body bytes
 * under the app's shared secret. Verify the bytes as received, before any parsing re-encodes them.
 */
public final class ShopifySignature {
    public static final String HEADER = "X-Shopify-Hmac-Sha256";
    private static final String HMAC = "HmacSHA256";

    private ShopifySignature() {}

    /** True only when the header is the body's signature; false for a missing body, header or secret. */
    public static boolean verify(byte[] body, String header, String secret) {
        if (body == null || header == null || header.isBlank() || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // constant time, so that the time taken does not tell how much of a forged signature was right
        return MessageDigest.isEqual(hmac(body, secret), given);
    }

    private static byte[] hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HmacSHA256 is not available", impossible);
        }
    }
}
