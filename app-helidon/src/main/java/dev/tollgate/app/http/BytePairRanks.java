package dev.tollgate.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the tokens of OpenAI's o200k_base encoding (GPT-4o's) without special tokens, as
 * tiktoken's {@code encode_ordinary} would: the text is cut into pieces by the encoding's
 * pre-tokenizer pattern, each piece's UTF-8 bytes are one token if the vocabulary has them, and
 * otherwise are merged pair by pair, always the adjacent pair of lowest rank first (the leftmost
 * of equal ones), until no adjacent pair is in the vocabulary. The count is the parts left.
 *
 * <p>Why not JTokkit's {@code Encoding}, which counts the same (property-tested against it in
 * {@code BytePairRanksTest}): it keeps the 200,000 ranks as maps of boxed keys and values, 29 MB
 * of heap, and building them took a quarter to half a second of a start's CPU, the largest single
 * piece of it. Here they are three arrays: the tokens' bytes end to end, where each rank's bytes
 * start, and an open-addressing table from a hash of the bytes to the rank (about 4 MB, built in
 * one pass over the file). The vocabulary is JTokkit's copy of tiktoken's published file: each
 * line a token's bytes in base64 and its rank, ranks in order from 0.
 */
final class BytePairRanks {

  static final String O200K_BASE_FILE = "/com/knuddels/jtokkit/o200k_base.tiktoken";

  /** tiktoken's o200k_base pre-tokenizer, with Java's Unicode character classes. */
  static final Pattern O200K_BASE_PATTERN = Pattern.compile(String.join("|",
      "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+"
          + "(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
      "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*"
          + "(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
      "\\p{N}{1,3}",
      " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
      "\\s*[\\r\\n]+",
      "\\s+(?!\\S)",
      "\\s+"), Pattern.UNICODE_CHARACTER_CLASS);

  /** Pieces longer than this merge through a heap (n log n); shorter ones by scanning (n²). */
  static final int SCANNED_PIECE_BYTES = 256;

  private static final int NO_RANK = -1;

  private final Pattern pattern;
  /** Every token's bytes, in rank order, end to end. */
  private final byte[] bytes;
  /** Rank r's bytes are {@code bytes[starts[r] .. starts[r + 1])}. */
  private final int[] starts;
  /** rank + 1 at the slot a hash of the rank's bytes leads to (linear probing); 0 is empty. */
  private final int[] slots;
  private final int mask;

  private BytePairRanks(Pattern pattern, byte[] bytes, int[] starts, int count) {
    this.pattern = pattern;
    this.bytes = bytes;
    this.starts = starts;
    int capacity = Integer.highestOneBit(Math.max(2, count) * 2) * 2; // load at most one half
    this.slots = new int[capacity];
    this.mask = capacity - 1;
    for (int rank = 0; rank < count; rank++) {
      int slot = hash(bytes, starts[rank], starts[rank + 1]) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = rank + 1;
    }
  }

  /** o200k_base, read from the class path (JTokkit's jar carries tiktoken's file). */
  static BytePairRanks o200kBase() {
    try (InputStream in = BytePairRanks.class.getResourceAsStream(O200K_BASE_FILE)) {
      if (in == null) {
        throw new IllegalStateException(O200K_BASE_FILE + " is not on the class path");
      }
      return parse(in.readAllBytes(), O200K_BASE_PATTERN);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + O200K_BASE_FILE, e);
    }
  }

  /**
   * A tiktoken rank file: one token per line, its bytes in base64, a space, its rank; the ranks
   * 0, 1, 2, … in order (anything else is refused, not guessed at).
   */
  static BytePairRanks parse(byte[] file, Pattern pattern) {
    int lines = 0;
    for (byte b : file) {
      if (b == '\n') {
        lines++;
      }
    }
    byte[] bytes = new byte[file.length / 4 * 3 + 3];
    int[] starts = new int[lines + 2];
    int count = 0;
    int at = 0;
    int written = 0;
    while (at < file.length) {
      int space = at;
      while (space < file.length && file[space] != ' ' && file[space] != '\n') {
        space++;
      }
      int end = space;
      while (end < file.length && file[end] != '\n') {
        end++;
      }
      if (end == at) { // an empty line, as at the end
        at = end + 1;
        continue;
      }
      if (space >= end) {
        throw new IllegalArgumentException("rank file line " + (count + 1) + " has no rank");
      }
      int rank = decimal(file, space + 1, end, count);
      if (rank != count) {
        throw new IllegalArgumentException(
            "rank file line " + (count + 1) + " has rank " + rank + ", expected " + count);
      }
      starts[count] = written;
      written = base64(file, at, space, bytes, written);
      count++;
      at = end + 1;
    }
    starts[count] = written;
    return new BytePairRanks(pattern, Arrays.copyOf(bytes, written), Arrays.copyOf(starts, count + 1),
        count);
  }

  int size() {
    return starts.length - 1;
  }

  /** The tokens of {@code text} without special tokens (tiktoken's {@code encode_ordinary}). */
  long count(String text) {
    long tokens = 0;
    Matcher pieces = pattern.matcher(text);
    while (pieces.find()) {
      tokens += countPiece(pieces.group().getBytes(StandardCharsets.UTF_8));
    }
    return tokens;
  }

  int countPiece(byte[] piece) {
    int n = piece.length;
    if (n <= 1 || rank(piece, 0, n) != NO_RANK) {
      return n == 0 ? 0 : 1;
    }
    return n <= SCANNED_PIECE_BYTES ? mergeScanning(piece) : mergeWithHeap(piece);
  }

  /** The rank of {@code piece[from, to)}, or {@link #NO_RANK}. */
  int rank(byte[] piece, int from, int to) {
    int slot = hash(piece, from, to) & mask;
    int length = to - from;
    while (true) {
      int entry = slots[slot];
      if (entry == 0) {
        return NO_RANK;
      }
      int r = entry - 1;
      int start = starts[r];
      if (starts[r + 1] - start == length
          && Arrays.equals(bytes, start, start + length, piece, from, to)) {
        return r;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * tiktoken's merge loop as written there: the parts' boundaries in an array, each adjacent
   * pair's rank beside its left boundary, the lowest found by a scan.
   */
  int mergeScanning(byte[] piece) {
    int n = piece.length;
    int[] bounds = new int[n + 1]; // the parts are piece[bounds[i], bounds[i + 1])
    int[] pairs = new int[n]; // pairs[i]: the rank of parts i and i + 1 together
    for (int i = 0; i <= n; i++) {
      bounds[i] = i;
    }
    int parts = n;
    for (int i = 0; i + 1 < parts; i++) {
      pairs[i] = rank(piece, i, i + 2);
    }
    while (parts > 1) {
      int best = -1;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < parts; i++) {
        int r = pairs[i];
        if (r != NO_RANK && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      // parts best and best + 1 become one: drop the boundary between them
      System.arraycopy(bounds, best + 2, bounds, best + 1, parts - best - 1);
      System.arraycopy(pairs, best + 2, pairs, best + 1, Math.max(0, parts - best - 3));
      parts--;
      pairs[best] = best + 1 < parts ? rank(piece, bounds[best], bounds[best + 2]) : NO_RANK;
      if (best > 0) {
        pairs[best - 1] = rank(piece, bounds[best - 1], bounds[best + 1]);
      }
    }
    return parts;
  }

  /**
   * The same merges in the same order for a long piece (a run of one character can be a single
   * piece of thousands of bytes): the parts as a linked list, the pairs in a min-heap ordered by
   * rank, then position. A pair's entry is stale once either of its parts has merged with
   * another; since a rank names one byte string, an entry is current exactly when the pair its
   * position begins still has that rank (a position that is no longer a part's start has none).
   */
  int mergeWithHeap(byte[] piece) {
    int n = piece.length;
    int[] next = new int[n]; // the start of the part after the one starting at i (n: none)
    int[] previous = new int[n]; // the start of the part before (-1: none)
    int[] pairRank = new int[n]; // the rank of the pair the part starting at i begins, or NO_RANK
    long[] heap = new long[2 * n]; // each merge pops one entry and pushes at most two
    int size = 0;
    for (int i = 0; i < n; i++) {
      next[i] = i + 1;
      previous[i] = i - 1;
      pairRank[i] = i + 1 < n ? rank(piece, i, i + 2) : NO_RANK;
      if (pairRank[i] != NO_RANK) {
        size = push(heap, size, entry(pairRank[i], i));
      }
    }
    int parts = n;
    while (size > 0) {
      long top = heap[0];
      size = pop(heap, size);
      int left = (int) top;
      int r = (int) (top >>> 32);
      if (pairRank[left] != r) { // stale: a merged part's pair rank is NO_RANK for good
        continue;
      }
      int right = next[left];
      pairRank[right] = NO_RANK; // no longer a part's start
      next[left] = next[right];
      if (next[right] < n) {
        previous[next[right]] = left;
      }
      parts--;
      int after = next[left];
      pairRank[left] = after < n ? rank(piece, left, next[after]) : NO_RANK;
      if (pairRank[left] != NO_RANK) {
        size = push(heap, size, entry(pairRank[left], left));
      }
      int before = previous[left];
      if (before >= 0) {
        pairRank[before] = rank(piece, before, after);
        if (pairRank[before] != NO_RANK) {
          size = push(heap, size, entry(pairRank[before], before));
        }
      }
    }
    return parts;
  }

  /** Rank in the high half, position in the low: ordering the longs orders by rank, then position. */
  private static long entry(int rank, int position) {
    return ((long) rank << 32) | position;
  }

  private static int push(long[] heap, int size, long value) {
    long[] h = heap;
    int i = size;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (h[parent] <= value) {
        break;
      }
      h[i] = h[parent];
      i = parent;
    }
    h[i] = value;
    return size + 1;
  }

  private static int pop(long[] heap, int size) {
    int last = size - 1;
    long value = heap[last];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= last) {
        break;
      }
      if (child + 1 < last && heap[child + 1] < heap[child]) {
        child++;
      }
      if (heap[child] >= value) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = value;
    return last;
  }

  /** FNV-1a over the bytes, then MurmurHash3's finalizer to spread the low bits. */
  private static int hash(byte[] b, int from, int to) {
    int h = 0x811c9dc5;
    for (int i = from; i < to; i++) {
      h = (h ^ (b[i] & 0xff)) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }

  private static int decimal(byte[] file, int from, int to, int line) {
    if (from >= to || to - from > 9) {
      throw new IllegalArgumentException("rank file line " + (line + 1) + ": bad rank");
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      int d = file[i] - '0';
      if (d < 0 || d > 9) {
        throw new IllegalArgumentException("rank file line " + (line + 1) + ": bad rank");
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static final byte[] BASE64 = new byte[256];

  static {
    Arrays.fill(BASE64, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64[alphabet.charAt(i)] = (byte) i;
    }
  }

  /** Decodes standard base64 (with or without padding) into {@code out} at {@code at}. */
  private static int base64(byte[] in, int from, int to, byte[] out, int at) {
    int bits = 0;
    int held = 0;
    for (int i = from; i < to; i++) {
      byte c = in[i];
      if (c == '=') {
        break;
      }
      int v = BASE64[c & 0xff];
      if (v < 0) {
        throw new IllegalArgumentException("rank file: not base64: " + (char) (c & 0xff));
      }
      bits = (bits << 6) | v;
      held += 6;
      if (held >= 8) {
        held -= 8;
        out[at++] = (byte) (bits >>> held);
      }
    }
    return at;
  }
}
