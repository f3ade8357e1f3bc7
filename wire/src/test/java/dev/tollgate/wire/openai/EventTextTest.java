package dev.tollgate.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one-pass scan of a stream event's JSON: the text it carries and the usage-only shape. */
class EventTextTest {

  private static final JsonFactory JSON = new JsonFactory();

  private static EventText.Scan scan(String json) {
    byte[] padded = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
    return EventText.scan(JSON, padded, 2, padded.length - 4);
  }

  @Test
  void chatDeltasGiveTheirContentAndReasoning() {
    EventText.Scan s = scan("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"think \",\"content\":\"héllo\","
        + "\"tool_calls\":[{\"function\":{\"arguments\":\"{}\"}}]},\"logprobs\":null}],\"usage\":null}");

    assertThat(s.text()).isEqualTo("think héllo");
    assertThat(s.emptyChoices()).isFalse();
  }

  @Test
  void completionsGiveTheirText() {
    assertThat(scan("{\"choices\":[{\"text\":\"a\"},{\"text\":\"b\"}]}").text()).isEqualTo("ab");
  }

  @Test
  void theUsageOnlyChunkHasEmptyChoices() {
    EventText.Scan s = scan("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}");

    assertThat(s.emptyChoices()).isTrue();
    assertThat(s.text()).isEmpty();
  }

  @Test
  void responsesDeltasCountOnlyOnDeltaEvents() {
    assertThat(scan("{\"delta\":\"x\",\"type\":\"response.output_text.delta\"}").text()).isEqualTo("x");
    assertThat(scan("{\"type\":\"response.output_text.done\",\"delta\":\"x\"}").text()).isEmpty();
    assertThat(scan("{\"type\":\"response.completed\",\"response\":{\"output\":[{\"text\":\"no\"}]}}")
        .text()).isEmpty();
  }

  @Test
  void anythingElseIsNoTextAndNeverThrows() {
    assertThat(scan("[DONE]").text()).isEmpty();
    assertThat(scan("{\"choices\":").text()).isEmpty();
    assertThat(scan("{\"choices\":null}").emptyChoices()).isFalse();
    assertThat(scan("{\"choices\":{\"text\":\"x\"}}").text()).isEmpty();
    assertThat(scan("not json").emptyChoices()).isFalse();
  }

  @Test
  void theFastPathAnswersWhatJacksonsPathAnswersOrLeavesItToIt() {
    java.util.Random random = new java.util.Random(2026_12_05);
    int fast = 0;
    int cases = 30_000;
    for (int n = 0; n < cases; n++) {
      StringBuilder json = new StringBuilder();
      new Events(random, json).event();
      String text = random.nextInt(4) == 0 ? Events.mutate(random, json.toString()) : json.toString();
      byte[] padded = ("x{" + text + "}\"").getBytes(StandardCharsets.UTF_8);
      int len = padded.length - 4;
      EventText.Scan expected = EventText.jackson(JSON, padded, 2, len);
      EventText.Scan quick = AsciiEventScan.scan(padded, 2, len);
      if (quick != null) {
        fast++;
        assertThat(quick).as(text).isEqualTo(expected);
      }
      assertThat(EventText.scan(JSON, padded, 2, len)).as(text).isEqualTo(expected);
    }
    assertThat(fast).as("events the fast path decided").isGreaterThan(cases / 3);
  }

  @Test
  void theUsageAloneIsTheMemberWithoutItsCommaOrWhitespace() {
    String first = "{\"usage\" : {\"prompt_tokens\":5} ,\n \"id\":\"c\"}";
    String last = "{\"id\":\"c\",\r\n  \"usage\":{\"prompt_tokens\":5}\n}";
    String alone = "{\"usage\":{\"prompt_tokens\":5}}";

    assertThat(usageAlone(first)).isEqualTo("{\"usage\" : {\"prompt_tokens\":5}}");
    assertThat(usageAlone(last)).isEqualTo(alone);
    assertThat(usageAlone(alone)).isEqualTo(alone);
    assertThat(usageAlone("{\"id\":\"c\",\"usage\":null}")).isEqualTo("{\"usage\":null}");
    assertThat(usageAlone("{\"id\":\"c\"}")).isNull();
    assertThat(usageAlone("not json")).isNull();
  }

  private static String usageAlone(String json) {
    byte[] padded = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
    byte[] alone = EventText.usageAlone(padded,
        EventText.scan(JSON, padded, 2, padded.length - 4).usageMember());
    return alone == null ? null : new String(alone, StandardCharsets.UTF_8);
  }

  /**
   * Reading the usage from the member alone answers what reading the whole document does, for
   * documents with one top-level usage member at most and no Responses {@code response} object
   * (the only others where the two could differ: a repeated member, or a usage nested first).
   */
  @Test
  void theUsageAloneReadsAsTheWholeDocumentDoes() throws java.io.IOException {
    java.util.Random random = new java.util.Random(2026_12_06);
    int compared = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder json = new StringBuilder();
      new Events(random, json).event();
      if (topLevel(json.toString(), "usage") > 1 || topLevel(json.toString(), "response") > 0) {
        continue;
      }
      byte[] padded = ("x{" + json + "}\"").getBytes(StandardCharsets.UTF_8);
      int len = padded.length - 4;
      EventText.Scan scan = EventText.scan(JSON, padded, 2, len);
      byte[] alone = EventText.usageAlone(padded, scan.usageMember());
      java.util.Optional<RawUsage> whole = OpenAiUsageReader.read(padded, 2, len);
      if (alone == null) {
        assertThat(whole).as(json.toString()).isEmpty();
        continue;
      }
      compared++;
      assertThat(OpenAiUsageReader.read(alone)).as(json.toString()).isEqualTo(whole);
    }
    assertThat(compared).as("documents with a usage member").isGreaterThan(2_000);
  }

  private static int topLevel(String json, String name) throws java.io.IOException {
    int n = 0;
    try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        n += name.equals(p.currentName()) ? 1 : 0;
        p.nextToken();
        p.skipChildren();
      }
    }
    return n;
  }

  /** Random stream events: the members the scan reads, others, odd values, whitespace, escapes. */
  private record Events(java.util.Random random, StringBuilder out) {
    private static final String[] TOP = {"choices", "type", "delta", "model", "response", "usage", "id",
        "object", "created", "mod\\u0065l", "x"};
    private static final String[] CHOICE = {"index", "delta", "text", "finish_reason", "logprobs"};
    private static final String[] DELTA = {"role", "content", "reasoning_content", "tool_calls"};
    private static final String[] WORDS = {"hello", "a\\\"b", "line\\nnext", "\\u00e9t\\u00e9", "sl\\/ash",
        "h\u00e9llo", "", " ", "response.output_text.delta", "response.completed", "gpt-4o", "\\ud83d\\ude00",
        "tab\\t", "\\b\\f\\r"};

    void event() {
      object(TOP, 0, true);
    }

    private void object(String[] names, int depth, boolean top) {
      out.append('{');
      int fields = random.nextInt(top ? 7 : 4);
      for (int f = 0; f < fields; f++) {
        if (f > 0) {
          out.append(',');
        }
        space();
        String name = names[random.nextInt(names.length)];
        out.append('"').append(name).append('"');
        space();
        out.append(':');
        space();
        member(name, depth);
        space();
      }
      out.append('}');
    }

    private void member(String name, int depth) {
      boolean odd = random.nextInt(6) == 0;
      switch (odd ? "" : name) {
        case "choices" -> {
          out.append('[');
          int n = random.nextInt(3);
          for (int k = 0; k < n; k++) {
            out.append(k > 0 ? "," : "");
            if (random.nextInt(5) == 0) {
              value(depth + 1);
            } else {
              object(CHOICE, depth + 1, false);
            }
          }
          out.append(']');
        }
        case "delta" -> {
          if (random.nextBoolean()) {
            object(DELTA, depth + 1, false);
          } else {
            string();
          }
        }
        case "response" -> object(new String[] {"model", "id", "output", "usage"}, depth + 1, false);
        case "model", "type", "text", "content", "reasoning_content" -> string();
        case "usage" -> {
          if (random.nextBoolean()) {
            out.append("null");
          } else {
            out.append("{\"prompt_tokens\":").append(random.nextInt(100)).append(",\"total_tokens\":7}");
          }
        }
        default -> value(depth + 1);
      }
    }

    private void value(int depth) {
      int kind = random.nextInt(depth > 3 ? 4 : 6);
      switch (kind) {
        case 0 -> string();
        case 1 -> out.append(new String[] {"0", "-12", "3.25", "1e5", "-0.5E-3", "1E+2", "17"}[random.nextInt(7)]);
        case 2 -> out.append(new String[] {"true", "false", "null"}[random.nextInt(3)]);
        case 3 -> out.append(random.nextBoolean() ? "[]" : "{}");
        case 4 -> object(CHOICE, depth, false);
        default -> {
          out.append('[');
          int n = random.nextInt(3);
          for (int k = 0; k < n; k++) {
            out.append(k > 0 ? "," : "");
            space();
            value(depth + 1);
          }
          out.append(']');
        }
      }
    }

    private void string() {
      out.append('"').append(WORDS[random.nextInt(WORDS.length)]).append('"');
    }

    private void space() {
      if (random.nextInt(5) == 0) {
        out.append(new String[] {" ", "\n", "\t", "\r\n", "  "}[random.nextInt(5)]);
      }
    }

    /** One random edit: a byte dropped, added or changed, the end cut or something appended. */
    static String mutate(java.util.Random random, String json) {
      String noise = "{}[]\",:\\ a0-.eE+\u0001\u00e9/";
      int at = json.isEmpty() ? 0 : random.nextInt(json.length());
      char c = noise.charAt(random.nextInt(noise.length()));
      return switch (random.nextInt(5)) {
        case 0 -> json.isEmpty() ? json : json.substring(0, at) + json.substring(at + 1);
        case 1 -> json.substring(0, at) + c + json.substring(at);
        case 2 -> json.isEmpty() ? json : json.substring(0, at) + c + json.substring(at + 1);
        case 3 -> json.substring(0, at);
        default -> json + (random.nextBoolean() ? " {}" : String.valueOf(c));
      };
    }
  }
}
