package dev.tollgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compact o200k_base counts exactly what JTokkit's o200k_base counts (itself tested against
 * tiktoken by its authors), on fixed texts and on random ones built to stress the pre-tokenizer
 * and both merge loops; the two merge loops agree with each other on any bytes; a rank file that
 * is not what it should be is refused.
 */
class BytePairRanksTest {

  private static BytePairRanks ranks;
  private static Encoding jtokkit;

  /** Pieces of text that make and break the pre-tokenizer's pieces, in many scripts. */
  private static final String[] ALPHABET = {
      "\n", "\r\n", "\r", " ", " ", "  ", "\t", "/", ".", ",", "!", "?", "'s", "'LL", "'", "-",
      "a", "The", "cat", "HELLO", "McDonald", "x", "9", "123", "2024", "3.14", "é", "É", "ß",
      "日本語", "한국어", "Привет", "مرحبا", "שלום", "हिन्दी", "ไทย", "😀", "👍🏽", "🇫🇷", "\u00a0",
      "\u2028", "\u0085", "\u3000", "\u200b", "e\u0301", "{", "}", "\"", ":", "#", "*", "_", "<|endoftext|>",
      "\ud800", "\udc00", "Ⅻ", "٣", "½", "function(x) {", "    return", "SELECT * FROM t;"};

  @BeforeAll
  static void load() {
    ranks = BytePairRanks.o200kBase();
    jtokkit = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  }

  @Test
  void theVocabularyIsO200kBase() {
    assertThat(ranks.size()).isEqualTo(199_998);
    assertThat(ranks.count("hello world")).isEqualTo(2); // "hello", " world"
    assertThat(ranks.count("")).isZero();
  }

  @Test
  void fixedTextsCountAsJtokkitCountsThem() {
    String[] texts = {
        "Hello, world! How are you today?",
        "You are a helpful assistant.\nWhat is the capital of France?\n",
        "I'm sure they'll say we've done what THEY'D do.",
        "    def main():\n        print(\"hi\")  # comment\n\n\n",
        "1234567890 12 1 0.5 1e10 ٣٤٥ ½",
        "日本語のテキストとEnglishの混在。😀👍🏽🇫🇷",
        "a".repeat(5_000),
        " ".repeat(3_000) + "x",
        "\n".repeat(1_000),
        "日".repeat(1_000),
        "ab".repeat(2_000),
        "😀".repeat(700),
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
        "\ud800 lone \udc00 surrogates \ud83d",
        "<|endoftext|> is ordinary text here",
    };
    for (String text : texts) {
      assertThat(ranks.count(text)).as("%s", abbreviated(text))
          .isEqualTo(jtokkit.countTokensOrdinary(text));
    }
  }

  @Test
  void randomTextsCountAsJtokkitCountsThem() {
    Random random = new Random(20261205);
    for (int round = 0; round < 20_000; round++) {
      String text = randomText(random, 1 + random.nextInt(60));
      assertThat(ranks.count(text)).as("%s", abbreviated(text))
          .isEqualTo(jtokkit.countTokensOrdinary(text));
    }
  }

  @Test
  void longSinglePiecesCountAsJtokkitCountsThem() {
    // one piece of more than SCANNED_PIECE_BYTES bytes: the heap's merge loop
    Random random = new Random(7);
    String letters = "abcdefghijklmnopqrstuvwxyzéàü";
    for (int round = 0; round < 300; round++) {
      StringBuilder word = new StringBuilder();
      int length = BytePairRanks.SCANNED_PIECE_BYTES / 2 + random.nextInt(2_000);
      for (int i = 0; i < length; i++) {
        word.append(letters.charAt(random.nextInt(random.nextBoolean() ? 3 : letters.length())));
      }
      String text = word.toString();
      assertThat(ranks.count(text)).as("%s", abbreviated(text))
          .isEqualTo(jtokkit.countTokensOrdinary(text));
    }
  }

  @Test
  void bothMergeLoopsAgreeOnAnyBytes() {
    Random random = new Random(11);
    byte[] common = "the and ing tion ment ed er es re in on at".getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 3_000; round++) {
      byte[] piece = new byte[2 + random.nextInt(600)];
      for (int i = 0; i < piece.length; i++) {
        piece[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
            : common[random.nextInt(common.length)];
      }
      assertThat(ranks.mergeWithHeap(piece)).isEqualTo(ranks.mergeScanning(piece));
    }
  }

  @Test
  void aRankFileOutOfOrderOrMalformedIsRefused() {
    assertThatThrownBy(() -> parse("YQ== 0\nYg== 2\n"))
        .hasMessageContaining("has rank 2, expected 1");
    assertThatThrownBy(() -> parse("YQ== 0\nYg==\n")).hasMessageContaining("has no rank");
    assertThatThrownBy(() -> parse("Y!== 0\n")).hasMessageContaining("not base64");
    assertThatThrownBy(() -> parse("YQ== x\n")).hasMessageContaining("bad rank");
    BytePairRanks two = parse("YQ== 0\nYg== 1\nYWI= 2\n\n");
    assertThat(two.size()).isEqualTo(3);
    assertThat(two.countPiece("ab".getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(two.countPiece("abab".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
  }

  private static BytePairRanks parse(String file) {
    return BytePairRanks.parse(file.getBytes(StandardCharsets.US_ASCII),
        BytePairRanks.O200K_BASE_PATTERN);
  }

  private static String randomText(Random random, int parts) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      if (random.nextInt(10) == 0) {
        text.appendCodePoint(random.nextInt(0x3000)); // anything at all, controls included
      } else {
        text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
    }
    return text.toString();
  }

  private static String abbreviated(String text) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "…(" + text.length() + ")" : text;
    return shown.replace("\n", "\\n").replace("\r", "\\r");
  }
}
