package dev.tollgate.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.port.out.Endpoint;

/**
 * Writes a clamped completion bound into the body the data plane gets: every output-bound field
 * the client sent is lowered to it, and a body that sent none gets the endpoint's own field, so
 * the model can never produce more than the budget held for.
 */
public final class ClampedBody {

  private static final String[] BOUND_FIELDS =
      {"max_completion_tokens", "max_tokens", "max_output_tokens"};

  private ClampedBody() {}

  public static void lower(Endpoint endpoint, ObjectNode body, long maxTokens) {
    boolean written = false;
    for (String field : BOUND_FIELDS) {
      if (body.hasNonNull(field)) {
        body.put(field, Math.min(body.get(field).asLong(), maxTokens)); // never raised
        written = true;
      }
    }
    if (!written) {
      body.put(fieldOf(endpoint), maxTokens);
    }
  }

  /** The field each operation names its output bound by (chat: OpenAI's current name). */
  private static String fieldOf(Endpoint endpoint) {
    return switch (endpoint) {
      case CHAT_COMPLETIONS -> "max_completion_tokens";
      case COMPLETIONS -> "max_tokens";
      case RESPONSES -> "max_output_tokens";
      case MESSAGES -> "max_tokens";
      case EMBEDDINGS, RERANK, SCORE, MESSAGES_COUNT_TOKENS, AUDIO_TRANSCRIPTIONS,
          AUDIO_TRANSLATIONS ->
          throw new IllegalArgumentException(endpoint + " has no output bound");
    };
  }
}
