package dev.tollgate.app.metrics;

import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.RequestOutcome;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The GenAI conventions' meters ({@link GenAi}) for an admitted request: token usage, request
 * duration, and for streams the time to the first token and per output token.
 */
final class GenAiMeters {

  private final MeterRegistry registry;
  private final String provider;
  private final SeriesCap<ModelOp, Tokens> tokens;
  private final SeriesCap<Outcome, Timer> durations;
  private final SeriesCap<ModelOp, Streams> streams;

  private record ModelOp(String model, String operation) {}

  private record Outcome(String model, String operation, int errorStatus) {}

  private record Tokens(DistributionSummary input, DistributionSummary output) {}

  private record Streams(Timer firstToken, Timer perOutputToken) {}

  GenAiMeters(MeterRegistry registry, int maxSeries, String provider) {
    this.registry = registry;
    this.provider = provider;
    String other = SeriesCap.OTHER;
    this.tokens = new SeriesCap<>(maxSeries, k -> tokens(k.model(), k.operation()),
        () -> tokens(other, other));
    this.durations = new SeriesCap<>(maxSeries,
        k -> duration(k.model(), k.operation(), k.errorStatus() == 0 ? "" : Integer.toString(k.errorStatus())),
        () -> duration(other, other, other));
    this.streams = new SeriesCap<>(maxSeries, k -> streams(k.model(), k.operation()),
        () -> streams(other, other));
  }

  void record(RequestOutcome o, String model) {
    String operation = GenAi.operation(o.endpoint());
    int error = o.status() >= 400 ? o.status() : 0;
    durations.get(new Outcome(model, operation, error))
        .record(o.totalNanos(), TimeUnit.NANOSECONDS);
    if (o.usage().isEmpty() || error != 0) {
      return;
    }
    TokenUsage usage = o.usage().get();
    ModelOp key = new ModelOp(model, operation);
    Tokens t = tokens.get(key);
    t.input().record(usage.promptTokens());
    t.output().record(usage.completionTokens());
    if (o.stream() && o.firstTokenNanos() >= 0) {
      Streams s = streams.get(key);
      s.firstToken().record(o.firstTokenNanos(), TimeUnit.NANOSECONDS);
      long after = usage.completionTokens() - 1;
      if (after > 0) {
        s.perOutputToken().record(
            Math.max(0, o.totalNanos() - o.firstTokenNanos()) / after, TimeUnit.NANOSECONDS);
      }
    }
  }

  private Tokens tokens(String model, String operation) {
    return new Tokens(tokenSummary(model, operation, "input"),
        tokenSummary(model, operation, "output"));
  }

  private DistributionSummary tokenSummary(String model, String operation, String type) {
    return DistributionSummary.builder(GenAi.TOKEN_USAGE)
        .description("Number of input and output tokens used.")
        .tag(GenAi.OPERATION, operation).tag(GenAi.PROVIDER, provider)
        .tag(GenAi.REQUEST_MODEL, model).tag(GenAi.TOKEN_TYPE, type)
        .serviceLevelObjectives(GenAi.TOKEN_BUCKETS)
        .register(registry);
  }

  private Timer duration(String model, String operation, String errorType) {
    return Timer.builder(GenAi.REQUEST_DURATION)
        .description("Generative AI server request duration such as time-to-last byte or last output token.")
        .tag(GenAi.OPERATION, operation).tag(GenAi.PROVIDER, provider)
        .tag(GenAi.REQUEST_MODEL, model).tag(GenAi.ERROR_TYPE, errorType)
        .serviceLevelObjectives(GenAi.DURATION_BUCKETS)
        .register(registry);
  }

  private Streams streams(String model, String operation) {
    return new Streams(
        Timer.builder(GenAi.TIME_TO_FIRST_TOKEN)
            .description("Time to generate first token for successful responses.")
            .tag(GenAi.OPERATION, operation).tag(GenAi.PROVIDER, provider)
            .tag(GenAi.REQUEST_MODEL, model)
            .serviceLevelObjectives(GenAi.FIRST_TOKEN_BUCKETS)
            .register(registry),
        Timer.builder(GenAi.TIME_PER_OUTPUT_TOKEN)
            .description("Time per output token generated after the first token for successful responses.")
            .tag(GenAi.OPERATION, operation).tag(GenAi.PROVIDER, provider)
            .tag(GenAi.REQUEST_MODEL, model)
            .serviceLevelObjectives(GenAi.PER_TOKEN_BUCKETS)
            .register(registry));
  }
}
