package dev.tollgate.service;

import dev.tollgate.domain.webhook.Alert;
import dev.tollgate.domain.webhook.PayloadFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a delivery, fixed when the event is raised: the Standard Webhooks envelope
 * ({@code {"type", "timestamp", "data"}}), or Slack's incoming-webhook message ({@code {"text"}}).
 * Written by hand because the core speaks no JSON library; every value is a string.
 */
final class WebhookPayloads {

  private WebhookPayloads() {}

  static String body(PayloadFormat format, Alert alert) {
    return switch (format) {
      case STANDARD -> standard(alert);
      case SLACK -> "{\"text\":" + quote(text(alert)) + "}";
    };
  }

  private static String standard(Alert alert) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("tenant_id", alert.tenant().value());
    data.put("subject", alert.subject());
    data.put("period", alert.period());
    data.putAll(alert.data());
    StringBuilder out = new StringBuilder(256).append("{\"type\":").append(quote(alert.event().wireName()))
        .append(",\"timestamp\":").append(quote(alert.occurredAt().toString())).append(",\"data\":{");
    String sep = "";
    for (Map.Entry<String, String> e : data.entrySet()) {
      out.append(sep).append(quote(e.getKey())).append(':').append(quote(e.getValue()));
      sep = ",";
    }
    return out.append("}}").toString();
  }

  /** One line a person reads in a channel. */
  static String text(Alert alert) {
    StringBuilder t = new StringBuilder(":rotating_light: Tollgate ").append(alert.event().wireName())
        .append(" for tenant ").append(alert.tenant().value()).append(": ").append(alert.subject());
    alert.data().forEach((k, v) -> t.append(", ").append(k).append(' ').append(v));
    return t.append(" (period ").append(alert.period()).append(')').toString();
  }

  /** A JSON string literal: quotes, backslashes and every control character escaped. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
