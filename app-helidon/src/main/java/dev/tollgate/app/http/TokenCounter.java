package dev.tollgate.app.http;

import dev.tollgate.wire.openai.ClientRequest;
import dev.tollgate.wire.openai.CrossEncoderPairs;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * Counts tokens with a real BPE tokenizer (o200k_base, GPT-4o's encoding: {@link BytePairRanks}) for the
 * admission estimate: the prompt's size for the hold and the TPM window, and the text already
 * streamed when a client disconnects before the upstream reported usage. Models with other
 * tokenizers are estimated with this one; settlement always uses the upstream's own count when
 * there is one.
 */
public final class TokenCounter {

  /** Framing per message or input part, as in OpenAI's counting guide (3) plus 1 for the role. */
  static final int TOKENS_PER_PART = 4;

  /**
   * The encoding's ranks (200,000 byte strings) load on a thread of their own while the rest of
   * the server is wired and bound, and the first count waits for them if it comes sooner. One
   * load per process, begun by {@link #preload()} as the first thing {@code serve} does (begun
   * during wiring, JTokkit's load finished 0.3 s after the server listened, and the first request
   * waited for it), or else by the first counter made.
   */
  private static final CompletableFuture<BytePairRanks> LOADING = new CompletableFuture<>();
  private static final AtomicBoolean LOAD_BEGUN = new AtomicBoolean();
  private volatile BytePairRanks encoding;
  private final int maxTokenizedChars;
  /** Lines a client sends again (a conversation resent every turn) are not tokenized again. */
  private final LineCounts lines;

  /**
   * @param maxTokenizedChars prompts longer than this are not tokenized (BPE on a long run of one
   *     character takes seconds); their UTF-8 byte count stands in, an upper bound
   * @param random seeds the hash of the line cache ({@link LineCounts})
   */
  public TokenCounter(int maxTokenizedChars, RandomGenerator random) {
    if (maxTokenizedChars < 1) {
      throw new IllegalArgumentException("maxTokenizedChars must be at least 1");
    }
    this.maxTokenizedChars = maxTokenizedChars;
    this.lines = new LineCounts(random.nextLong());
    preload();
  }

  /** Begins loading the encoding on a thread of its own, once per process; returns at once. */
  public static void preload() {
    if (!LOAD_BEGUN.compareAndSet(false, true)) {
      return;
    }
    Thread.ofPlatform().daemon().name("tollgate-tokenizer-load").start(() -> {
      try {
        LOADING.complete(BytePairRanks.o200kBase());
      } catch (RuntimeException | Error e) {
        LOADING.completeExceptionally(e);
      }
    });
  }

  public long count(String text) {
    return text.isEmpty() ? 0 : encoding().count(text);
  }

  private BytePairRanks encoding() {
    BytePairRanks loaded = encoding;
    if (loaded == null) {
      loaded = LOADING.join();
      encoding = loaded;
    }
    return loaded;
  }

  /**
   * The prompt's tokens for the hold and the token window. Past the bound, the byte count: the
   * byte-level BPE never makes a token of less than one byte, so this never holds too little.
   */
  public long promptTokens(ClientRequest request) {
    long tokens = bounded(request.promptText()) + (long) TOKENS_PER_PART * request.promptParts();
    int repeats = CrossEncoderPairs.repeats(request);
    // A cross-encoder reads a rerank's query once per document: the prompt text has it once.
    return repeats == 0 ? tokens : tokens + bounded(CrossEncoderPairs.repeatedText(request)) * repeats;
  }

  private long bounded(String text) {
    return text.length() > maxTokenizedChars ? utf8Bytes(text) : lines.countByLines(text, this::count);
  }

  static long utf8Bytes(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
