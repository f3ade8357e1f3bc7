package dev.tollgate.wire.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code usage} objects of each OpenAI API as OpenAI writes them: what the simulator answers
 * with, and the shapes {@link OpenAiUsageReader} reads (the tests hold the two together).
 */
public final class UsageObjects {

  private UsageObjects() {}

  /** Chat completions: with the detail objects OpenAI sends, all details zero. */
  public static ObjectNode chat(int promptTokens, int completionTokens) {
    ObjectNode usage = legacy(promptTokens, completionTokens);
    usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
    usage.putObject("completion_tokens_details")
        .put("reasoning_tokens", 0)
        .put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0)
        .put("rejected_prediction_tokens", 0);
    return usage;
  }

  /** Legacy completions: the three counts only. */
  public static ObjectNode legacy(int promptTokens, int completionTokens) {
    return JsonNodeFactory.instance.objectNode()
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
  }

  /** Responses API: input/output naming with their detail objects. */
  public static ObjectNode responses(int inputTokens, int outputTokens) {
    ObjectNode usage = JsonNodeFactory.instance.objectNode().put("input_tokens", inputTokens);
    usage.putObject("input_tokens_details").put("cached_tokens", 0);
    usage.put("output_tokens", outputTokens);
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    usage.put("total_tokens", inputTokens + outputTokens);
    return usage;
  }

  /** Embeddings: prompt and total only. */
  public static ObjectNode embeddings(int promptTokens) {
    return JsonNodeFactory.instance.objectNode().put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
  }
}
