package dev.tollgate.port.out.contract;

import dev.tollgate.port.out.Endpoint;

/**
 * Response bodies around a usage object, in the layouts the fixtures show: chat completions and
 * their chunks (Envoy chat-basic, chat-streaming-detailed-usage), legacy completions
 * (completion-streaming-usage), embeddings, vLLM's rerank and score, and the Responses API with its named
 * events.
 */
final class Bodies {

  private Bodies() {}

  static String json(Endpoint endpoint, String usage) {
    return switch (endpoint) {
      case CHAT_COMPLETIONS -> "{\"id\":\"chatcmpl-contract\",\"object\":\"chat.completion\","
          + "\"created\":1755137737,\"model\":\"test-model\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi there\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":" + usage + "}";
      case COMPLETIONS -> "{\"id\":\"cmpl-contract\",\"object\":\"text_completion\","
          + "\"created\":1759118173,\"model\":\"test-model\",\"choices\":[{\"text\":\" fib(n-1)\","
          + "\"index\":0,\"logprobs\":null,\"finish_reason\":\"length\"}],\"usage\":" + usage + "}";
      case EMBEDDINGS -> "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
          + "\"embedding\":[0.0125,-0.5]}],\"model\":\"test-model\",\"usage\":" + usage + "}";
      case RESPONSES -> "{\"id\":\"resp_contract\",\"object\":\"response\",\"status\":\"completed\","
          + "\"model\":\"test-model\",\"output\":[{\"type\":\"message\",\"role\":\"assistant\","
          + "\"content\":[{\"type\":\"output_text\",\"text\":\"Hi there\"}]}],\"usage\":" + usage
          + "}";
      case RERANK -> "{\"id\":\"rerank-contract\",\"model\":\"test-model\",\"usage\":" + usage
          + ",\"results\":[{\"index\":1,\"document\":{\"text\":\"Paris\"},\"relevance_score\":0.98},"
          + "{\"index\":0,\"document\":{\"text\":\"Berlin\"},\"relevance_score\":0.0017}]}";
      case SCORE -> "{\"id\":\"score-contract\",\"object\":\"list\",\"created\":1765130000,"
          + "\"model\":\"test-model\",\"data\":[{\"index\":0,\"object\":\"score\",\"score\":0.98},"
          + "{\"index\":1,\"object\":\"score\",\"score\":0.0017}],\"usage\":" + usage + "}";
      case MESSAGES -> MessagesBodies.message(usage);
      case MESSAGES_COUNT_TOKENS -> "{\"input_tokens\":" + usage + "}";
      case AUDIO_TRANSCRIPTIONS, AUDIO_TRANSLATIONS -> "{\"text\":\"Hi there\",\"usage\":" + usage + "}";
    };
  }

  static String stream(Endpoint endpoint, String usage, boolean usageOnFinishChunk) {
    return switch (endpoint) {
      case CHAT_COMPLETIONS -> chatStream(usage, usageOnFinishChunk);
      case COMPLETIONS -> completionStream(usage);
      case RESPONSES -> responsesStream(usage);
      case MESSAGES -> MessagesBodies.stream(usage, usage);
      case EMBEDDINGS, RERANK, SCORE, MESSAGES_COUNT_TOKENS, AUDIO_TRANSCRIPTIONS,
          AUDIO_TRANSLATIONS -> throw new IllegalArgumentException(endpoint + " does not stream");
    };
  }

  /** The first events of a chat stream, without its end: what a cut stream delivers. */
  static String chatStreamHead() {
    return data(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null", "null"))
        + data(chunk("{\"content\":\"Hi\"}", "null", "null"));
  }

  private static String chatStream(String usage, boolean onFinish) {
    String finish = data(chunk("{}", "\"stop\"", onFinish ? usage : "null"));
    String usageChunk = onFinish ? "" : data("{\"id\":\"chatcmpl-contract\",\"object\":"
        + "\"chat.completion.chunk\",\"created\":1755137921,\"model\":\"test-model\","
        + "\"choices\":[],\"usage\":" + usage + "}");
    return chatStreamHead() + data(chunk("{\"content\":\" there\"}", "null", "null")) + finish
        + usageChunk + "data: [DONE]\n\n";
  }

  private static String chunk(String delta, String finishReason, String usage) {
    return "{\"id\":\"chatcmpl-contract\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1755137921,\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":"
        + delta + ",\"finish_reason\":" + finishReason + "}],\"usage\":" + usage + "}";
  }

  private static String completionStream(String usage) {
    String head = "{\"id\":\"cmpl-contract\",\"object\":\"text_completion\",\"created\":1759118173,"
        + "\"model\":\"test-model\",";
    return data(head + "\"choices\":[{\"text\":\" fib\",\"index\":0,\"logprobs\":null,"
            + "\"finish_reason\":null}],\"usage\":null}")
        + data(head + "\"choices\":[{\"text\":\"(n-1)\",\"index\":0,\"logprobs\":null,"
            + "\"finish_reason\":\"length\"}],\"usage\":null}")
        + data(head + "\"usage\":" + usage + ",\"choices\":[]}")
        + "data: [DONE]\n\n";
  }

  private static String responsesStream(String usage) {
    String response = "\"id\":\"resp_contract\",\"object\":\"response\",\"model\":\"test-model\"";
    return "event: response.created\n"
        + data("{\"type\":\"response.created\",\"response\":{" + response
            + ",\"status\":\"in_progress\",\"usage\":null}}")
        + "event: response.output_text.delta\n"
        + data("{\"type\":\"response.output_text.delta\",\"delta\":\"Hi there\"}")
        + "event: response.completed\n"
        + data("{\"type\":\"response.completed\",\"response\":{" + response
            + ",\"status\":\"completed\",\"usage\":" + usage + "}}");
  }

  private static String data(String json) {
    return "data: " + json + "\n\n";
  }
}
