package dev.tollgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Counting a prompt line by line, with the lines' counts cached, gives exactly the tokenizer's
 * count of the whole prompt, for any text: the cuts fall only where o200k_base's pre-tokenizer
 * cannot join both sides, and a cached count is the count of the same line.
 */
class LineCountsTest {

  private static final SplittableRandom SEEDS = new SplittableRandom();
  private static final TokenCounter TOKENS = new TokenCounter(1_000_000, new SplittableRandom());

  /** Characters that make pieces and break them: newlines, spaces, punctuation, letters, digits. */
  private static final String[] ALPHABET = {
      "\n", "\n", "\n", "\r", "\r\n", " ", " ", "  ", "\t", "/", ".", ",", "!", "'s", "'", "-",
      "a", "The", "cat", "HELLO", "x", "9", "123", "2024", "é", "日本", "😀", "\u00a0", "\u2028",
      "\u0085", "\u3000", "{", "}", "\"", ":", "#", "*", "_"};

  @Test
  void everyTextCountsTheSameLineByLineAsWhole() {
    Random random = new Random(20261204);
    LineCounts lines = new LineCounts(SEEDS.nextLong());
    for (int round = 0; round < 20_000; round++) {
      String text = randomText(random, 1 + random.nextInt(40));
      long whole = TOKENS.count(text);
      assertThat(lines.countByLines(text, TOKENS::count)).as("text %s", escaped(text))
          .isEqualTo(whole);
      // and again, from the cache this time where the lines were seen
      assertThat(lines.countByLines(text, TOKENS::count)).as("text %s", escaped(text))
          .isEqualTo(whole);
    }
  }

  @Test
  void aConversationResentWithOneMoreTurnTokenizesOnlyTheNewLines() {
    LineCounts lines = new LineCounts(SEEDS.nextLong());
    List<String> tokenized = new ArrayList<>();
    String turn1 = "You are a helpful assistant.\nWhat is the capital of France?\n";
    String turn2 = turn1 + "The capital of France is Paris.\nAnd of Italy?\n";
    lines.countByLines(turn1, s -> {
      tokenized.add(s);
      return TOKENS.count(s);
    });
    tokenized.clear();
    long count = lines.countByLines(turn2, s -> {
      tokenized.add(s);
      return TOKENS.count(s);
    });
    assertThat(count).isEqualTo(TOKENS.count(turn2));
    assertThat(tokenized).containsExactly("The capital of France is Paris.\n", "And of Italy?\n");
  }

  @Test
  void aLineLongerThanTheCachedBoundIsCountedEveryTime() {
    LineCounts lines = new LineCounts(SEEDS.nextLong());
    String longLine = "word ".repeat(LineCounts.MAX_CACHED_CHARS);
    AtomicInteger counted = new AtomicInteger();
    for (int i = 0; i < 2; i++) {
      assertThat(lines.countByLines(longLine, s -> {
        counted.incrementAndGet();
        return TOKENS.count(s);
      })).isEqualTo(TOKENS.count(longLine));
    }
    assertThat(counted).hasValue(2);
  }

  @Test
  void emptyLinesAndAnEmptyPromptCountWhatTheTokenizerSays() {
    LineCounts lines = new LineCounts(SEEDS.nextLong());
    for (String text : List.of("", "\n", "\n\n", "a\n\nb", "a\n", "\nb", " \n x", "a.\n/b")) {
      assertThat(lines.countByLines(text, TOKENS::count)).as(escaped(text))
          .isEqualTo(TOKENS.count(text));
    }
  }

  private static String randomText(Random random, int pieces) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return text.toString();
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.append(c < 0x20 || c > 0x7e
        ? String.format("\\u%04x", c) : Character.toString(c)));
    return out.toString();
  }
}
