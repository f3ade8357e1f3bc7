package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the prompt of a request and counts its tokens by one documented, deliberately simple rule,
 * so that a test can predict every number without a tokenizer:
 *
 * <ul>
 *   <li>{@code words(s)} is the number of maximal runs of non-whitespace characters in {@code s}.
 *   <li>Chat ({@code /v1/chat/completions}) and Responses ({@code /v1/responses}): 3 for the reply
 *       priming, plus, per message, 1 + {@code words} of its text. A message's text is its
 *       {@code content} string, or the {@code text} of each content part. In the Responses API
 *       {@code instructions} count as one more message and a string {@code input} as one message.
 *   <li>Legacy completions ({@code /v1/completions}): {@code words(prompt)}, summed over an array.
 *   <li>Embeddings ({@code /v1/embeddings}): {@code words} of each input string, or the length of
 *       each token-id array, summed over the inputs.
 *   <li>Rerank ({@code /v1/rerank}) and score ({@code /v1/score}): a cross-encoder reads the
 *       texts a pair at a time (a rerank's query with each document, a score's one item with
 *       each of the other side's or the sides' items in order), so {@code words} of both texts,
 *       summed over the pairs.
 * </ul>
 *
 * <p>Completion tokens are counted elsewhere: one per streamed content chunk (see {@link Reply}).
 */
final class Prompts {

  /** Tokens every chat-shaped prompt adds to prime the reply. */
  static final int PRIMING_TOKENS = 3;

  /** Tokens each message adds for its role and framing. */
  static final int PER_MESSAGE_TOKENS = 1;

  /** Bounds the work on hostile input: more messages than this is rejected. */
  static final int MAX_ITEMS = 4096;

  private Prompts() {}

  /** The text a reply is derived from, and its token count. */
  record Prompt(String text, int tokens) {}

  static Prompt chat(JsonNode messages) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw reject(messages == null ? ErrorReply.missingParameter("messages")
          : ErrorReply.invalidValue("messages", "'messages' must be a non-empty array."));
    }
    Counter counter = new Counter(PRIMING_TOKENS);
    for (JsonNode message : bounded(messages, "messages")) {
      counter.message(textOf(message.get("content")));
    }
    return counter.prompt();
  }

  static Prompt responses(JsonNode input, JsonNode instructions) {
    if (input == null || !(input.isTextual() || input.isArray())) {
      throw reject(input == null ? ErrorReply.missingParameter("input")
          : ErrorReply.invalidValue("input", "'input' must be a string or an array of items."));
    }
    Counter counter = new Counter(PRIMING_TOKENS);
    if (instructions != null && instructions.isTextual()) {
      counter.message(instructions.asText());
    }
    if (input.isTextual()) {
      counter.message(input.asText());
    } else {
      for (JsonNode item : bounded(input, "input")) {
        counter.message(textOf(item.isTextual() ? item : item.get("content")));
      }
    }
    return counter.prompt();
  }

  static Prompt completion(JsonNode prompt) {
    if (prompt == null) {
      throw reject(ErrorReply.missingParameter("prompt"));
    }
    if (prompt.isTextual()) {
      return new Prompt(prompt.asText(), words(prompt.asText()));
    }
    if (!prompt.isArray() || prompt.isEmpty() || !allTextual(prompt)) {
      throw reject(ErrorReply.invalidValue("prompt", "'prompt' must be a string or an array of strings."));
    }
    Counter counter = new Counter(0);
    for (JsonNode part : bounded(prompt, "prompt")) {
      counter.text(part.asText());
    }
    return counter.prompt();
  }

  /** The tokens of a cross-encoder's pairs: each left text with the right text beside it. */
  static int pairs(java.util.List<String> left, java.util.List<String> right) {
    int tokens = 0;
    for (int i = 0; i < right.size(); i++) {
      tokens += words(left.get(i)) + words(right.get(i));
    }
    return tokens;
  }

  static int words(String s) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < s.length(); i++) {
      boolean space = Character.isWhitespace(s.charAt(i));
      if (!space && !inWord) {
        count++;
      }
      inWord = !space;
    }
    return count;
  }

  /** Text of a content value: a string, or the {@code text} of each part of an array. */
  static String textOf(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    if (content.isArray()) {
      for (JsonNode part : bounded(content, "content")) {
        JsonNode partText = part.isTextual() ? part : part.path("text");
        if (partText.isTextual()) {
          text.append(text.isEmpty() ? "" : " ").append(partText.asText());
        }
      }
    }
    return text.toString();
  }

  static JsonNode bounded(JsonNode array, String param) {
    if (array.size() > MAX_ITEMS) {
      throw reject(ErrorReply.invalidValue(param, "'" + param + "' has more than " + MAX_ITEMS + " items."));
    }
    return array;
  }

  static RejectedRequest reject(ErrorReply reply) {
    return new RejectedRequest(reply);
  }

  private static boolean allTextual(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isTextual()) {
        return false;
      }
    }
    return true;
  }

  /** Sums tokens and joins the text the reply is seeded from. */
  private static final class Counter {
    private final StringBuilder text = new StringBuilder();
    private int tokens;

    Counter(int overhead) {
      tokens = overhead;
    }

    void message(String content) {
      tokens += PER_MESSAGE_TOKENS;
      text(content);
    }

    void text(String content) {
      tokens += words(content);
      text.append(content).append('\n');
    }

    Prompt prompt() {
      return new Prompt(text.toString(), tokens);
    }
  }
}
