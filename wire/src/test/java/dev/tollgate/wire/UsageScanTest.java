package dev.tollgate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The check that spares a usage reader its parse never changes its answer: over generated
 * documents with usage members null, absent, objects or odd values, at the top, nested, or
 * quoted inside strings, {@code read} answers what the full parse answers.
 */
class UsageScanTest {

  private static final UsageScan<String> SCAN = new UsageScan<>("response",
      usage -> usage.isObject() ? Optional.of(usage.toString()) : Optional.empty());

  private static final String[] USAGE = {"null", " null", "{\"total_tokens\":3}", "{}", "7", "\"x\"",
      "[1]", "\n{\"prompt_tokens\":1}", "nul", "true"};
  private static final String[] OTHER = {"\"id\":\"c\"", "\"text\":\"say \\\"usage\\\":{} twice\"",
      "\"choices\":[{\"delta\":{\"content\":\"usage\"}}]", "\"model\":\"m\"", "\"n\":null"};

  @Test
  void readAnswersWhatTheFullParseAnswers() {
    Random random = new Random(5);
    int withUsage = 0;
    for (int n = 0; n < 20_000; n++) {
      String doc = document(random, true);
      if (random.nextInt(8) == 0 && !doc.isEmpty()) {
        doc = doc.substring(0, random.nextInt(doc.length()));
      }
      byte[] padded = ("ab" + doc + "cd").getBytes(StandardCharsets.UTF_8);
      Optional<String> full = SCAN.parse(padded, 2, padded.length - 4);
      assertThat(SCAN.read(padded, 2, padded.length - 4)).as(doc).isEqualTo(full);
      withUsage += full.isPresent() ? 1 : 0;
    }
    assertThat(withUsage).as("documents that carried usage").isGreaterThan(2_000);
  }

  @Test
  void aNullUsageIsAnsweredWithoutParsing() {
    byte[] chunk = "{\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\" :\tnull}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(JsonBytes.hasObjectMember(chunk, 0, chunk.length, "\"usage\"".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
    assertThat(SCAN.read(chunk, 0, chunk.length)).isEmpty();
  }

  private static String document(Random random, boolean top) {
    StringBuilder out = new StringBuilder("{");
    int members = random.nextInt(5);
    for (int m = 0; m < members; m++) {
      out.append(m > 0 ? "," : "");
      switch (random.nextInt(top ? 4 : 3)) {
        case 0 -> out.append("\"usage\"").append(random.nextBoolean() ? ":" : " : ")
            .append(USAGE[random.nextInt(USAGE.length)]);
        case 1, 2 -> out.append(OTHER[random.nextInt(OTHER.length)]);
        default -> out.append("\"response\":").append(document(random, false));
      }
    }
    return out.append('}').toString();
  }
}
