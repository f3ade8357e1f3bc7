package dev.tollgate.domain.webhook;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a delivery's body looks like: the Standard Webhooks JSON envelope ({@code type},
 * {@code timestamp}, {@code data}), or a Slack-compatible message ({@code text}) that a Slack
 * incoming webhook, Mattermost or Rocket.Chat accepts as is. Both are signed the same way.
 */
public enum PayloadFormat {
  STANDARD,
  SLACK;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<PayloadFormat> named(String name) {
    return Arrays.stream(values()).filter(f -> f.wireName().equals(name)).findFirst();
  }
}
