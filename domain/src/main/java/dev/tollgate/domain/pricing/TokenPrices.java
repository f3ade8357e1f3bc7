package dev.tollgate.domain.pricing;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import java.math.BigInteger;
import java.util.Optional;

/**
 * What one model charges: a price per million tokens for each disjoint part of {@link TokenUsage},
 * and an optional fee per request. Reasoning tokens cost the output rate unless given their own.
 * Cache writes have two prices, one per lifetime: {@code cacheWriteInput} for the default
 * (5-minute) cache and {@code cacheWrite1hInput} for Anthropic's 1-hour cache (2x input against
 * 1.25x on Anthropic's list; LiteLLM's {@code cache_creation_input_token_cost_above_1hr}).
 * {@code audioPerSecond} prices a second of audio a transcription reads (Whisper's family;
 * LiteLLM's {@code input_cost_per_second}), charged by the millisecond.
 *
 * <p>Cost = ceil( (sum over parts of tokens x price per million) / 10^6 ) + request fee, in whole
 * nano-USD. The sum is exact before the single rounding, so splitting a request's usage differently
 * never changes its cost by more than one nano-dollar.
 */
public record TokenPrices(
    PricePerMillion input,
    PricePerMillion cachedInput,
    PricePerMillion cacheWriteInput,
    PricePerMillion output,
    Optional<PricePerMillion> reasoning,
    Money requestFee,
    PricePerMillion cacheWrite1hInput,
    Money audioPerSecond) {

  private static final long ONE_MILLION = 1_000_000L;
  /** A price per second times milliseconds, in the sum's unit (a millionth of a nano-dollar). */
  private static final long MILLIS_TO_SUM = 1_000L;

  public TokenPrices {
    if (requestFee.isNegative()) {
      throw new IllegalArgumentException("request fee must not be negative: " + requestFee);
    }
    if (input == null || cachedInput == null || cacheWriteInput == null || output == null
        || reasoning == null || cacheWrite1hInput == null || audioPerSecond == null) {
      throw new IllegalArgumentException("every price is required");
    }
    if (audioPerSecond.isNegative()) {
      throw new IllegalArgumentException("audio price must not be negative: " + audioPerSecond);
    }
  }

  /** Token prices with no price for audio by the second. */
  public TokenPrices(
      PricePerMillion input,
      PricePerMillion cachedInput,
      PricePerMillion cacheWriteInput,
      PricePerMillion output,
      Optional<PricePerMillion> reasoning,
      Money requestFee,
      PricePerMillion cacheWrite1hInput) {
    this(input, cachedInput, cacheWriteInput, output, reasoning, requestFee, cacheWrite1hInput,
        Money.ZERO);
  }

  /** Prices whose 1-hour cache writes cost the same as default ones (no separate price known). */
  public TokenPrices(
      PricePerMillion input,
      PricePerMillion cachedInput,
      PricePerMillion cacheWriteInput,
      PricePerMillion output,
      Optional<PricePerMillion> reasoning,
      Money requestFee) {
    this(input, cachedInput, cacheWriteInput, output, reasoning, requestFee, cacheWriteInput);
  }

  /** These prices with {@code price} for 1-hour cache writes. */
  public TokenPrices withCacheWrite1hInput(PricePerMillion price) {
    return new TokenPrices(input, cachedInput, cacheWriteInput, output, reasoning, requestFee, price,
        audioPerSecond);
  }

  /** These prices with {@code perSecond} for each second of audio read. */
  public TokenPrices withAudioPerSecond(Money perSecond) {
    return new TokenPrices(input, cachedInput, cacheWriteInput, output, reasoning, requestFee,
        cacheWrite1hInput, perSecond);
  }

  /** Input and output prices only: cache reads and writes at the input rate, no request fee. */
  public static TokenPrices of(PricePerMillion input, PricePerMillion output) {
    return new TokenPrices(input, input, input, output, Optional.empty(), Money.ZERO);
  }

  /** A model that costs nothing; its use is still recorded. */
  public static TokenPrices free() {
    return of(PricePerMillion.FREE, PricePerMillion.FREE);
  }

  public PricePerMillion reasoningOrOutput() {
    return reasoning.orElse(output);
  }

  public Money costOf(TokenUsage usage) {
    long inLong = sumIfLong(
        sumIfLong(
            sumIfLong(input.timesTokensIfLong(usage.inputTokens()),
                cachedInput.timesTokensIfLong(usage.cachedInputTokens())),
            sumIfLong(cacheWriteInput.timesTokensIfLong(usage.cacheWriteInputTokens()),
                cacheWrite1hInput.timesTokensIfLong(usage.cacheWrite1hInputTokens()))),
        sumIfLong(sumIfLong(output.timesTokensIfLong(usage.outputTokens()),
            reasoningOrOutput().timesTokensIfLong(usage.reasoningTokens())),
            audioIfLong(usage.audioMillis())));
    if (inLong >= 0) {
      return Money.ceilDiv(inLong, ONE_MILLION).plus(requestFee);
    }
    BigInteger exact =
        input
            .timesTokens(usage.inputTokens())
            .add(cachedInput.timesTokens(usage.cachedInputTokens()))
            .add(cacheWriteInput.timesTokens(usage.cacheWriteInputTokens()))
            .add(cacheWrite1hInput.timesTokens(usage.cacheWrite1hInputTokens()))
            .add(output.timesTokens(usage.outputTokens()))
            .add(reasoningOrOutput().timesTokens(usage.reasoningTokens()))
            .add(audio(usage.audioMillis()));
    return Money.ceilDiv(exact, ONE_MILLION).plus(requestFee);
  }

  /**
   * The most a request can cost before it runs: every prompt token at the dearest prompt rate and
   * every allowed completion token at the dearer of output and reasoning.
   */
  public Money maximumCostOf(long promptTokens, long maxCompletionTokens) {
    return maximumCostOf(promptTokens, maxCompletionTokens, 0);
  }

  /** As {@link #maximumCostOf(long, long)}, with {@code audioMillis} of audio read at its price. */
  public Money maximumCostOf(long promptTokens, long maxCompletionTokens, long audioMillis) {
    if (audioMillis < 0) {
      throw new IllegalArgumentException("audio must not be negative: " + audioMillis);
    }
    PricePerMillion promptRate = dearestPromptRate();
    PricePerMillion completionRate = output.max(reasoningOrOutput());
    long inLong = sumIfLong(sumIfLong(promptRate.timesTokensIfLong(promptTokens),
        completionRate.timesTokensIfLong(maxCompletionTokens)), audioIfLong(audioMillis));
    if (inLong >= 0) {
      return Money.ceilDiv(inLong, ONE_MILLION).plus(requestFee);
    }
    BigInteger exact = promptRate.timesTokens(promptTokens)
        .add(completionRate.timesTokens(maxCompletionTokens)).add(audio(audioMillis));
    return Money.ceilDiv(exact, ONE_MILLION).plus(requestFee);
  }

  /** Milliseconds of audio at its price, in the sum's unit; -1 if that leaves a long. */
  private long audioIfLong(long millis) {
    long rate = audioPerSecond.nanoUsd();
    if (rate == 0 || millis == 0) {
      return 0;
    }
    BigInteger product = audio(millis);
    return product.bitLength() < Long.SIZE ? product.longValue() : -1;
  }

  private BigInteger audio(long millis) {
    return BigInteger.valueOf(audioPerSecond.nanoUsd()).multiply(BigInteger.valueOf(millis))
        .multiply(BigInteger.valueOf(MILLIS_TO_SUM));
  }

  /**
   * The largest completion bound whose {@link #maximumCostOf} fits in {@code available}: exact,
   * since ceil(x / 10^6) + fee &lt;= a exactly when x &lt;= (a - fee) x 10^6. Answers -1 when even
   * the prompt alone does not fit, and {@link Long#MAX_VALUE} when completion tokens are free.
   */
  public long affordableCompletionTokens(long promptTokens, Money available) {
    if (promptTokens < 0) {
      throw new IllegalArgumentException("prompt tokens must not be negative: " + promptTokens);
    }
    PricePerMillion promptRate = dearestPromptRate();
    BigInteger room =
        BigInteger.valueOf(available.minus(requestFee).nanoUsd())
            .multiply(BigInteger.valueOf(ONE_MILLION))
            .subtract(promptRate.timesTokens(promptTokens));
    if (room.signum() < 0) {
      return -1;
    }
    BigInteger completionRate = output.max(reasoningOrOutput()).timesTokens(1);
    if (completionRate.signum() == 0) {
      return Long.MAX_VALUE;
    }
    BigInteger tokens = room.divide(completionRate);
    return tokens.bitLength() < Long.SIZE ? tokens.longValue() : Long.MAX_VALUE;
  }

  /** a + b for two products of {@link PricePerMillion#timesTokensIfLong}; -1 if either is or the sum leaves a long. */
  private static long sumIfLong(long a, long b) {
    return a < 0 || b < 0 || a > Long.MAX_VALUE - b ? -1 : a + b;
  }

  private PricePerMillion dearestPromptRate() {
    return input.max(cachedInput).max(cacheWriteInput).max(cacheWrite1hInput);
  }

  public boolean isFree() {
    return costOf(new TokenUsage(1, 1, 1, 1, 1, 1, 1)).isZero();
  }
}
