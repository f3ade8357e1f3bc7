package dev.tollgate.app.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.ToLongFunction;

/**
 * The token counts of prompt lines seen recently, so that text a client sends again is not
 * tokenized again. A chat client resends the whole conversation every turn, and an application
 * the same system prompt with every request: without this, each turn re-tokenizes all of it (the
 * tokenizer's regex was 8 % of the durable path's CPU on the load test's two-line prompt).
 *
 * <p>A prompt is cut into lines only where o200k_base's pre-tokenizer can never join the text on
 * both sides into one piece ({@link #countByLines}), so the sum of the lines' counts is exactly
 * the count of the whole (property-tested against the tokenizer in {@code LineCountsTest}).
 *
 * <p>The cache is a fixed array of {@value #SLOTS} slots, one {@code long} each: a line's 64-bit
 * hash picks the slot, and the slot keeps 40 other bits of that hash with the count. The hash is
 * seeded per process from the composition root's randomness, so no client can craft a line that
 * collides with another's. Two lines that still collide (about 2⁻⁴⁰ per lookup of a line not cached) get
 * each other's count; the count is only the admission estimate, which settlement corrects to the
 * upstream's usage. Slots are read and written whole ({@code opaque} access, atomic for a
 * {@code long}), without a lock; a lost write only costs a later miss.
 */
final class LineCounts {

  static final int SLOTS = 1 << 16;
  /** Longer lines are counted, not cached: their tokenization dwarfs the lookup anyway. */
  static final int MAX_CACHED_CHARS = 4_096;
  private static final int COUNT_BITS = 24;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] slots = new long[SLOTS];
  private final long seed;

  /** @param seed the hash's seed: random per process, never known to clients */
  LineCounts(long seed) {
    this.seed = seed;
  }

  /**
   * The tokens of {@code text}, counted line by line, each line from the cache when it is there.
   *
   * @param count the tokenizer, for a line not cached
   */
  long countByLines(String text, ToLongFunction<String> count) {
    long tokens = 0;
    int start = 0;
    int length = text.length();
    for (int i = 0; i < length - 1; i++) {
      if (text.charAt(i) == '\n' && startsAPiece(text.charAt(i + 1))) {
        tokens += countLine(text, start, i + 1, count);
        start = i + 1;
      }
    }
    return start < length ? tokens + countLine(text, start, length, count) : tokens;
  }

  /**
   * Whether text may be cut between a newline and {@code next}: o200k_base's pre-tokenizer ends
   * every piece that holds a newline at a newline, unless what follows is more whitespace (a run
   * of whitespace with newlines is one piece up to its last newline) or, after punctuation, more
   * newlines or a slash ({@code [^\s\p{L}\p{N}]+[\r\n/]*}). Any other character starts a piece.
   */
  static boolean startsAPiece(char next) {
    return next != '/' && !Character.isWhitespace(next) && !Character.isSpaceChar(next)
        && next != '\u0085';
  }

  private long countLine(String text, int from, int to, ToLongFunction<String> count) {
    if (to - from > MAX_CACHED_CHARS) {
      return count.applyAsLong(text.substring(from, to));
    }
    long hash = hash(text, from, to);
    int index = (int) hash & (SLOTS - 1);
    long tag = hash & ~COUNT_MASK;
    long slot = (long) SLOT.getOpaque(slots, index);
    if (slot != 0 && (slot & ~COUNT_MASK) == tag) {
      return (slot & COUNT_MASK) - 1;
    }
    long tokens = count.applyAsLong(text.substring(from, to));
    if (tokens + 1 <= COUNT_MASK) { // a count of 0 is kept as 1: an empty slot is 0
      SLOT.setOpaque(slots, index, tag | (tokens + 1));
    }
    return tokens;
  }

  /** FNV-1a over the characters from the seed, then a 64-bit finalizer (MurmurHash3's fmix64). */
  private long hash(String text, int from, int to) {
    long h = seed ^ (to - from);
    for (int i = from; i < to; i++) {
      h = (h ^ text.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
