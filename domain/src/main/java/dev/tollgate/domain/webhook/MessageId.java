package dev.tollgate.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A delivery's {@code webhook-id}: the same on every attempt, and derived from the subscription and
 * the event key, so two replicas (or a restart) that raise the same event name the same message.
 */
public record MessageId(String value) {

  private static final Pattern FORMAT = Pattern.compile("msg_[0-9a-f]{32}");

  public MessageId {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("a message id is msg_ and 32 hex digits");
    }
  }

  public static MessageId of(String value) {
    return new MessageId(value);
  }

  public static MessageId of(SubscriptionId subscription, String eventKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((subscription.value() + "\n" + eventKey).getBytes(StandardCharsets.UTF_8));
      return new MessageId("msg_" + HexFormat.of().formatHex(digest, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
