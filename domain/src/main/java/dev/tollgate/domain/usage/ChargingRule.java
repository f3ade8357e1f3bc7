package dev.tollgate.domain.usage;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How a call that answered is charged, in one place for every endpoint and wire format:
 *
 * <ul>
 *   <li>usage the upstream reported is charged as reported;
 *   <li>an answer without usage (a client that left mid-stream, an upstream that never says) is
 *       charged as estimated: the prompt as counted at admission, the output as counted from the
 *       text the client received;
 *   <li>a stream that broke before its first event gave the client nothing: nothing is charged.
 * </ul>
 *
 * <p>Why: a tenant pays for what it received, and a missing usage report must never make a call
 * free, or leaving before the last chunk would be a way not to pay. Counting the output costs a
 * tokenization, so it is asked for ({@code outputTokens}) only when the usage is missing.
 */
public final class ChargingRule {

  private ChargingRule() {}

  /** A whole (non-streamed) answer that arrived: reported usage, else the estimate. */
  public static Charge forAnswer(
      Optional<TokenUsage> reported, long promptTokens, LongSupplier outputTokens) {
    return reported.<Charge>map(u -> new Charge.ByUsage(u, UsageSource.REPORTED))
        .orElseGet(() -> estimated(promptTokens, outputTokens));
  }

  /**
   * A transcription's or translation's answer: reported usage, else the estimate, which is the
   * audio as measured at admission ({@code audioMillis}), the prompt and the text it wrote.
   */
  public static Charge forAudioAnswer(Optional<TokenUsage> reported, long promptTokens,
      long audioMillis, LongSupplier outputTokens) {
    return reported.<Charge>map(u -> new Charge.ByUsage(u, UsageSource.REPORTED))
        .orElseGet(() -> withAudio(estimated(promptTokens, outputTokens), audioMillis));
  }

  /**
   * A streamed transcription: as {@link #forStream}, the audio as measured at admission added to
   * whatever the stream reported (a stream reports tokens, never seconds), or to the estimate.
   */
  public static Charge forAudioStream(Optional<TokenUsage> reported, boolean upstreamBroken,
      long eventsRelayed, long promptTokens, long audioMillis, LongSupplier outputTokens) {
    return withAudio(
        forStream(reported, upstreamBroken, eventsRelayed, promptTokens, outputTokens), audioMillis);
  }

  /** {@code charge} with {@code audioMillis} of audio, when it charges a usage that names none. */
  private static Charge withAudio(Charge charge, long audioMillis) {
    return charge instanceof Charge.ByUsage byUsage && byUsage.usage().audioMillis() == 0
        ? new Charge.ByUsage(byUsage.usage().withAudioMillis(audioMillis), byUsage.source())
        : charge;
  }

  /**
   * A streamed answer: reported usage, else nothing when the upstream broke before any event was
   * relayed, else the estimate of what was relayed.
   */
  public static Charge forStream(Optional<TokenUsage> reported, boolean upstreamBroken,
      long eventsRelayed, long promptTokens, LongSupplier outputTokens) {
    if (eventsRelayed < 0) {
      throw new IllegalArgumentException("eventsRelayed must not be negative: " + eventsRelayed);
    }
    if (reported.isPresent()) {
      return new Charge.ByUsage(reported.get(), UsageSource.REPORTED);
    }
    if (upstreamBroken && eventsRelayed == 0) {
      return new Charge.Nothing("upstream stream broke before any event");
    }
    return estimated(promptTokens, outputTokens);
  }

  private static Charge estimated(long promptTokens, LongSupplier outputTokens) {
    return new Charge.ByUsage(
        TokenUsage.of(promptTokens, outputTokens.getAsLong()), UsageSource.ESTIMATED);
  }
}
