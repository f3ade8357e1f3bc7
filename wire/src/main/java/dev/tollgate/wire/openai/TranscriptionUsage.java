package dev.tollgate.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.domain.usage.TokenUsage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What a transcription or translation answer says it used, in each shape it comes in:
 *
 * <ul>
 *   <li>{@code usage: {"type": "duration", "seconds": n}}: Whisper on OpenAI and on vLLM, priced
 *       by the second (seconds may be fractional; read exactly, rounded up to the millisecond);
 *   <li>{@code usage: {"type": "tokens", "input_tokens": i, "output_tokens": o, …}}:
 *       gpt-4o-transcribe and its kin, priced by the token (audio tokens at the input rate);
 *   <li>no usage, but {@code duration} (a {@code verbose_json} answer): the seconds it gives.
 * </ul>
 *
 * Text, SRT and VTT answers say nothing: empty, and the estimate is charged.
 */
public final class TranscriptionUsage {

  private TranscriptionUsage() {}

  /** The usage in {@code body}, if it is a JSON object that reports one. */
  public static Optional<TokenUsage> read(ObjectMapper mapper, byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    JsonNode usage = root.path("usage");
    if (usage.isObject()) {
      if (usage.has("seconds")) {
        return millis(usage.get("seconds")).map(ms -> TokenUsage.NONE.withAudioMillis(ms));
      }
      Optional<Long> in = count(usage.get("input_tokens"));
      Optional<Long> out = count(usage.get("output_tokens"));
      if (in.isPresent() || out.isPresent()) {
        return Optional.of(TokenUsage.of(in.orElse(0L), out.orElse(0L)));
      }
    }
    return millis(root.get("duration")).map(ms -> TokenUsage.NONE.withAudioMillis(ms));
  }

  /** Seconds (a number or its text, as vLLM's verbose answer gives it) as milliseconds, rounded up. */
  static Optional<Long> millis(JsonNode seconds) {
    if (seconds == null || !(seconds.isNumber() || seconds.isTextual())) {
      return Optional.empty();
    }
    try {
      BigDecimal s = seconds.isNumber() ? seconds.decimalValue() : new BigDecimal(seconds.asText());
      if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
        return Optional.empty();
      }
      return Optional.of(s.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> count(JsonNode n) {
    return n != null && n.canConvertToLong() && n.isIntegralNumber() && n.asLong() >= 0
        ? Optional.of(n.asLong()) : Optional.empty();
  }
}
