package dev.tollgate.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (standardwebhooks.com, v1): {@code v1,} and the base64
 * HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed by the bytes of the
 * base64 part of a {@code whsec_} secret. Any Standard Webhooks (or Svix) library verifies it.
 */
public final class WebhookSignature {

  public static final String SECRET_PREFIX = "whsec_";
  /** 24 random bytes: within the specification's 24..64. */
  static final int SECRET_BYTES = 24;

  private WebhookSignature() {}

  /** A new signing secret, {@code whsec_} and base64 of 24 random bytes. */
  public static String newSecret(RandomGenerator random) {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** The {@code webhook-signature} header's value for one attempt. */
  public static String sign(String secret, MessageId id, long timestampSeconds, String body) {
    return sign(secret, id.value(), timestampSeconds, body);
  }

  static String sign(String secret, String id, long timestampSeconds, String body) {
    if (!secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a signing secret starts with " + SECRET_PREFIX);
    }
    byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signed = mac.doFinal(
          (id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
