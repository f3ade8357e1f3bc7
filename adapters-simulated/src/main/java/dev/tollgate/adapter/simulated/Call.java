package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;

/**
 * A request that passed the checks every endpoint shares.
 *
 * @param body the parsed JSON object
 * @param model the requested model id, known to be served
 * @param modelJson {@code model} as a JSON string literal, for hand-built chunks
 * @param createdEpochSeconds the {@code created} timestamp of the reply
 * @param stream whether the client asked for server-sent events
 * @param includeUsage whether {@code stream_options.include_usage} is true
 * @param tokensOverride the {@code x-sim-tokens} header, if sent
 */
record Call(
    JsonNode body,
    String model,
    String modelJson,
    long createdEpochSeconds,
    boolean stream,
    boolean includeUsage,
    OptionalInt tokensOverride) {

  /** How long the reply is and why it ends. */
  record Length(int tokens, boolean truncated) {
    String finishReason() {
      return truncated ? "length" : "stop";
    }
  }

  /**
   * The reply length: {@code x-sim-tokens} (else {@code defaultMaxTokens}), cut to the first of
   * {@code maxFields} the request sets. Cutting makes the finish reason {@code length}.
   */
  Length length(int defaultMaxTokens, String... maxFields) {
    int natural = Math.min(tokensOverride.orElse(defaultMaxTokens), SimulatorSettings.MAX_TOKENS_LIMIT);
    for (String field : maxFields) {
      JsonNode max = body.get(field);
      if (max != null && !max.isNull()) {
        int limit = positive(field, max);
        return limit < natural ? new Length(limit, true) : new Length(natural, false);
      }
    }
    return new Length(natural, false);
  }

  private static int positive(String field, JsonNode value) {
    if (!value.isIntegralNumber() || value.asLong() < 1) {
      throw new RejectedRequest(ErrorReply.invalidValue(field,
          "Invalid '" + field + "': expected an integer of at least 1."));
    }
    return (int) Math.min(value.asLong(), SimulatorSettings.MAX_TOKENS_LIMIT);
  }
}
