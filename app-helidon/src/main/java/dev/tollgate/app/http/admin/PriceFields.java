package dev.tollgate.app.http.admin;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.TokenPrices;
import java.util.Optional;
import java.util.Set;

/**
 * A price's rates as the admin API reads them (exact decimal USD per million tokens, as strings),
 * shared by {@code POST /admin/v1/prices} and a model's {@code price}.
 */
final class PriceFields {

  /** The rate fields; a price object holds these and nothing else. */
  static final Set<String> RATES = Set.of("input_usd_per_mtok", "cached_input_usd_per_mtok",
      "cache_write_input_usd_per_mtok", "output_usd_per_mtok", "reasoning_usd_per_mtok",
      "request_fee_usd", "cache_write_1h_input_usd_per_mtok", "audio_usd_per_second");

  private PriceFields() {}

  /** The rate fields and {@code others}: what a body holding a price may hold. */
  static Set<String> with(Set<String> others) {
    java.util.HashSet<String> all = new java.util.HashSet<>(RATES);
    all.addAll(others);
    return Set.copyOf(all);
  }

  /**
   * The rates in {@code b}: input and output required (free when a price per second of audio is
   * given: a transcription model's), cached input and cache writes at the input rate when not
   * given, reasoning at the output rate, no request fee.
   */
  static TokenPrices read(JsonBody b, String prefix) {
    Optional<Money> audio = b.optionalText("audio_usd_per_second", 40)
        .map(f -> Fields.usd(prefix + "audio_usd_per_second", f));
    PricePerMillion input = perMillion(b, "input_usd_per_mtok", prefix).or(
        () -> audio.map(a -> PricePerMillion.FREE)).orElseThrow(
        () -> required(prefix, "input_usd_per_mtok"));
    PricePerMillion output = perMillion(b, "output_usd_per_mtok", prefix).or(
        () -> audio.map(a -> PricePerMillion.FREE)).orElseThrow(
        () -> required(prefix, "output_usd_per_mtok"));
    PricePerMillion cacheWrite =
        perMillion(b, "cache_write_input_usd_per_mtok", prefix).orElse(input);
    return new TokenPrices(input,
        perMillion(b, "cached_input_usd_per_mtok", prefix).orElse(input),
        cacheWrite,
        output,
        perMillion(b, "reasoning_usd_per_mtok", prefix),
        b.optionalText("request_fee_usd", 40)
            .map(f -> Fields.usd(prefix + "request_fee_usd", f)).orElse(Money.ZERO),
        perMillion(b, "cache_write_1h_input_usd_per_mtok", prefix).orElse(cacheWrite))
        .withAudioPerSecond(audio.orElse(Money.ZERO));
  }

  private static BadField required(String prefix, String field) {
    return new BadField(prefix + field, "'" + prefix + field + "' is required.");
  }

  private static Optional<PricePerMillion> perMillion(JsonBody b, String field, String prefix) {
    return b.optionalText(field, 40).map(v -> {
      Fields.usd(prefix + field, v);
      return Fields.parse(prefix + field, v, PricePerMillion::usd);
    });
  }
}
