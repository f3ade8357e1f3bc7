package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code usage} objects of each API, always the tokens actually read and emitted. */
final class Usage {

  private Usage() {}

  /** Chat completions: with the detail objects OpenAI sends, all details zero. */
  static ObjectNode chat(int promptTokens, int completionTokens) {
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
  static ObjectNode legacy(int promptTokens, int completionTokens) {
    return Wire.object()
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
  }

  /** Responses API: input/output naming with their detail objects. */
  static ObjectNode responses(int inputTokens, int outputTokens) {
    ObjectNode usage = Wire.object().put("input_tokens", inputTokens);
    usage.putObject("input_tokens_details").put("cached_tokens", 0);
    usage.put("output_tokens", outputTokens);
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    usage.put("total_tokens", inputTokens + outputTokens);
    return usage;
  }

  /** Embeddings: prompt and total only. */
  static ObjectNode embeddings(int promptTokens) {
    return Wire.object().put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
  }
}
