package dev.tollgate.app.metrics;

import dev.tollgate.port.out.Endpoint;
import java.time.Duration;

/**
 * The OpenTelemetry semantic conventions for generative AI that Tollgate follows, pinned at
 * {@value #SEMCONV_VERSION} (the GenAI conventions are still in development and have renamed
 * attributes between releases, e.g. {@code gen_ai.system} became {@code gen_ai.provider.name}).
 * Names and bucket boundaries are the specification's; Prometheus sees dots as underscores and
 * a unit suffix on durations. Spans ({@code app.tracing}) use the same names and version.
 */
public final class GenAi {

  public static final String SEMCONV_VERSION = "1.41.0";

  static final String TOKEN_USAGE = "gen_ai.client.token.usage";
  static final String REQUEST_DURATION = "gen_ai.server.request.duration";
  static final String TIME_TO_FIRST_TOKEN = "gen_ai.server.time_to_first_token";
  static final String TIME_PER_OUTPUT_TOKEN = "gen_ai.server.time_per_output_token";

  public static final String OPERATION = "gen_ai.operation.name";
  public static final String PROVIDER = "gen_ai.provider.name";
  public static final String REQUEST_MODEL = "gen_ai.request.model";
  static final String TOKEN_TYPE = "gen_ai.token.type";
  public static final String ERROR_TYPE = "error.type";

  /** The specification's explicit bucket boundaries for token counts. */
  static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144,
      1048576, 4194304, 16777216, 67108864};
  /** ... for request durations, in seconds. */
  static final Duration[] DURATION_BUCKETS = seconds(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64,
      1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
  /** ... for the time to the first token. */
  static final Duration[] FIRST_TOKEN_BUCKETS = seconds(0.001, 0.005, 0.01, 0.02, 0.04, 0.06,
      0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
  /** ... for the time per output token. */
  static final Duration[] PER_TOKEN_BUCKETS = seconds(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2,
      0.3, 0.4, 0.5, 0.75, 1.0, 2.5);

  private GenAi() {}

  /** The well-known {@code gen_ai.operation.name} of each endpoint. */
  public static String operation(Endpoint endpoint) {
    return switch (endpoint) {
      case CHAT_COMPLETIONS, RESPONSES, MESSAGES -> "chat";
      // Not a GenAI operation in the conventions: Anthropic's token count, named for what it is.
      case MESSAGES_COUNT_TOKENS -> "count_tokens";
      case COMPLETIONS -> "text_completion";
      case EMBEDDINGS -> "embeddings";
      // Not in the conventions either: vLLM's names (and Jina's and Cohere's for the rerank).
      case RERANK -> "rerank";
      case SCORE -> "score";
      // Nor these: OpenAI's names for the two operations of its audio API.
      case AUDIO_TRANSCRIPTIONS -> "transcription";
      case AUDIO_TRANSLATIONS -> "translation";
    };
  }

  // Bucket boundaries are configuration, not money or tokens counted: floating point is fine here.
  private static Duration[] seconds(double... boundaries) {
    Duration[] out = new Duration[boundaries.length];
    for (int i = 0; i < boundaries.length; i++) {
      out[i] = Duration.ofNanos(Math.round(boundaries[i] * 1e9));
    }
    return out;
  }
}
