package dev.orderhub.fulfillment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * EasyPost webhook authentication: {@code X-Hmac-Signature} is {@code hmac-sha256-hex=} and the hex HMAC-SHA256 of
 * the raw body bytes under the webhook secret (NFKD-normalised, UTF-8). Verify the bytes as received.
 */
public final class EasyPostSignature {
    public static final String HEADER = "X-Hmac-Signature";
    private static final String PREFIX = "hmac-sha256-hex=";
    private static final String HMAC = "HmacSHA256";

    private EasyPostSignature() {}

    /** True only when the header is the body's signature; false for a missing body, header or secret. */
    public static boolean verify(byte[] body, String header, String secret) {
        if (body == null || header == null || secret == null || secret.isEmpty()) {
            return false;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        // constant time, so that the time taken does not tell how much of a forged signature was right
        return MessageDigest.isEqual(hmac(body, secret), given);
    }

    /** The header value for a body: {@code hmac-sha256-hex=<hex>}. */
    public static String sign(byte[] body, String secret) {
        return PREFIX + HexFormat.of().formatHex(hmac(body, secret));
    }

    private static byte[] hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            byte[] key = Normalizer.normalize(secret, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HmacSHA256 is not available", impossible);
        }
    }
}
