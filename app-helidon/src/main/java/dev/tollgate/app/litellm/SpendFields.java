package dev.tollgate.app.litellm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.usage.TokenUsage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** LiteLLM's spend vocabulary: its date range and token counts, from Tollgate's ledger totals. */
final class SpendFields {

  static final long MAX_RANGE_DAYS = 400;

  private SpendFields() {}

  record Range(Instant from, Instant to) {}

  /**
   * {@code start_date} and {@code end_date} (UTC dates, both inclusive, as LiteLLM reads them);
   * default: the first of this month to today.
   */
  static Range range(LitellmCall c) {
    LocalDate today = LocalDate.ofInstant(c.now(), ZoneOffset.UTC);
    LocalDate start = c.query("start_date", 32).map(s -> date("start_date", s))
        .orElse(today.withDayOfMonth(1));
    LocalDate end = c.query("end_date", 32).map(s -> date("end_date", s)).orElse(today);
    if (end.isBefore(start)) {
      throw LitellmError.badRequest("end_date", "'end_date' is before 'start_date'.");
    }
    if (ChronoUnit.DAYS.between(start, end) >= MAX_RANGE_DAYS) {
      throw LitellmError.badRequest("end_date", "A range is at most " + MAX_RANGE_DAYS + " days.");
    }
    return new Range(start.atStartOfDay().toInstant(ZoneOffset.UTC),
        end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      throw LitellmError.badRequest(name, "'" + name + "' must be a date (YYYY-MM-DD).");
    }
  }

  static long promptTokens(TokenUsage u) {
    return u.inputTokens() + u.cachedInputTokens() + u.cacheWriteInputTokens()
        + u.cacheWrite1hInputTokens();
  }

  static long completionTokens(TokenUsage u) {
    return u.outputTokens() + u.reasoningTokens();
  }

  /** LiteLLM's daily-activity metrics of one total. */
  static ObjectNode metrics(LitellmCall c, SpendTotal t) {
    ObjectNode m = c.object();
    m.set("spend", c.usd(t.cost()));
    m.put("prompt_tokens", promptTokens(t.usage()));
    m.put("completion_tokens", completionTokens(t.usage()));
    m.put("total_tokens", promptTokens(t.usage()) + completionTokens(t.usage()));
    m.put("cache_read_input_tokens", t.usage().cachedInputTokens());
    m.put("cache_creation_input_tokens", t.usage().cacheWriteInputTokens()
        + t.usage().cacheWrite1hInputTokens());
    m.put("api_requests", t.requests());
    m.put("successful_requests", t.requests());
    m.put("failed_requests", 0);
    return m;
  }
}
