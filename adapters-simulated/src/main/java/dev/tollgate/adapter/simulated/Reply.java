package dev.tollgate.adapter.simulated;

import java.nio.charset.StandardCharsets;

/**
 * The deterministic reply to a prompt: {@code count} words drawn from a fixed list by a
 * SplitMix64 sequence seeded with the FNV-1a hash of the prompt text. Each word is one completion
 * token and one streamed content chunk; every word after the first carries a leading space, so the
 * full text is the concatenation of the tokens. The words are plain ASCII letters, so their bytes
 * are JSON-safe and prebuilt once.
 */
final class Reply {

  private static final String[] WORDS = {
    "the", "gateway", "meters", "every", "token", "and", "charges", "tenant", "budget", "holds",
    "settle", "after", "usage", "arrives", "from", "upstream", "model", "stream", "chunk", "ledger",
    "price", "per", "million", "keys", "limits", "window", "request", "reply", "quickly", "safely",
    "simulated", "answer", "is", "deterministic", "so", "tests", "can", "predict", "each", "word",
    "cost", "exact", "in", "nano", "dollars", "never", "floats", "one", "facade", "for",
    "all", "models", "behind", "it", "with", "spend", "tracked", "across", "replicas", "today",
    "data", "plane", "routes", "traffic"
  };

  private static final byte[][] FIRST = new byte[WORDS.length][];
  private static final byte[][] FOLLOWING = new byte[WORDS.length][];

  static {
    for (int i = 0; i < WORDS.length; i++) {
      FIRST[i] = WORDS[i].getBytes(StandardCharsets.US_ASCII);
      FOLLOWING[i] = (" " + WORDS[i]).getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final int[] wordIndexes;

  private Reply(int[] wordIndexes) {
    this.wordIndexes = wordIndexes;
  }

  static Reply to(String promptText, int count) {
    if (count < 0 || count > SimulatorSettings.MAX_TOKENS_LIMIT) {
      throw new IllegalArgumentException("count must be 0.." + SimulatorSettings.MAX_TOKENS_LIMIT);
    }
    long state = fnv1a64(promptText);
    int[] indexes = new int[count];
    for (int i = 0; i < count; i++) {
      state += 0x9E3779B97F4A7C15L;
      indexes[i] = (int) Long.remainderUnsigned(mix(state), WORDS.length);
    }
    return new Reply(indexes);
  }

  /** Number of completion tokens: one per word. */
  int tokens() {
    return wordIndexes.length;
  }

  /** Token {@code i} as JSON-safe bytes, with its leading space unless it is the first. */
  byte[] tokenBytes(int i) {
    return i == 0 ? FIRST[wordIndexes[i]] : FOLLOWING[wordIndexes[i]];
  }

  String token(int i) {
    return new String(tokenBytes(i), StandardCharsets.US_ASCII);
  }

  String text() {
    StringBuilder text = new StringBuilder(wordIndexes.length * 8);
    for (int i = 0; i < wordIndexes.length; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS[wordIndexes[i]]);
    }
    return text.toString();
  }

  static long fnv1a64(String text) {
    long hash = 0xcbf29ce484222325L;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** SplitMix64's output function: a good 64-bit mix of a counter. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
