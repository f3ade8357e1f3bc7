package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChatCompletionsTest {

  /** 5 + 6 words in two messages: 3 + (1 + 5) + (1 + 6) = 16 prompt tokens. */
  static final String MESSAGES = "[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
      + "{\"role\":\"user\",\"content\":\"Say hello in one short sentence.\"}]";
  static final int PROMPT_TOKENS = 16;

  @RegisterExtension
  static final RunningSimulator SIM = new RunningSimulator();

  static String chat(String extra) {
    return "{\"model\":\"sim-small\",\"messages\":" + MESSAGES + extra + "}";
  }

  JsonNode postJson(String body, String... headers) {
    HttpResponse<String> response = SIM.client().post("v1/chat/completions", body, headers);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    return SimClient.parse(response.body());
  }

  @Test
  void aJsonReplyReportsTheTokensItContains() {
    JsonNode reply = postJson(chat(""));

    assertThat(reply.get("id").asText()).startsWith("chatcmpl-");
    assertThat(reply.get("object").asText()).isEqualTo("chat.completion");
    assertThat(reply.get("model").asText()).isEqualTo("sim-small");
    JsonNode choice = reply.get("choices").get(0);
    assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    String content = choice.get("message").get("content").asText();
    JsonNode usage = reply.get("usage");
    assertThat(usage.get("completion_tokens").asInt()).isEqualTo(Prompts.words(content)).isEqualTo(16);
    assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(PROMPT_TOKENS);
    assertThat(usage.get("total_tokens").asInt()).isEqualTo(PROMPT_TOKENS + 16);
    assertThat(usage.at("/prompt_tokens_details/cached_tokens").asInt()).isZero();
    assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asInt()).isZero();
  }

  @Test
  void aMaximumBelowTheNaturalLengthCutsTheReplyWithFinishReasonLength() {
    JsonNode cut = postJson(chat(",\"max_tokens\":5"));
    JsonNode preferred = postJson(chat(",\"max_tokens\":9,\"max_completion_tokens\":3"));
    JsonNode roomy = postJson(chat(",\"max_tokens\":100"));

    assertThat(cut.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    assertThat(cut.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(preferred.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    assertThat(roomy.at("/usage/completion_tokens").asInt()).isEqualTo(16);
    assertThat(roomy.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void theTokensHeaderSetsTheLengthAndTheRequestMaximumStillCutsIt() {
    JsonNode longer = postJson(chat(""), "x-sim-tokens", "40");
    JsonNode empty = postJson(chat(""), "x-sim-tokens", "0");
    JsonNode cut = postJson(chat(",\"max_tokens\":7"), "x-sim-tokens", "40");

    assertThat(Prompts.words(longer.at("/choices/0/message/content").asText())).isEqualTo(40);
    assertThat(longer.at("/usage/completion_tokens").asInt()).isEqualTo(40);
    assertThat(empty.at("/choices/0/message/content").asText()).isEmpty();
    assertThat(empty.at("/usage/completion_tokens").asInt()).isZero();
    assertThat(cut.at("/usage/completion_tokens").asInt()).isEqualTo(7);
  }

  @Test
  void contentPartsCountLikePlainContent() {
    String parts = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "[{\"type\":\"text\",\"text\":\"Say hello\"},{\"type\":\"text\",\"text\":\"in one short sentence.\"}]}]}";
    String plain = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Say hello in one short sentence.\"}]}";

    assertThat(postJson(parts).at("/usage/prompt_tokens").asInt())
        .isEqualTo(postJson(plain).at("/usage/prompt_tokens").asInt())
        .isEqualTo(3 + 1 + 6);
  }

  @Test
  void aStreamWithUsageSendsRoleContentFinishUsageAndDone() {
    HttpResponse<String> response = SIM.client().post("v1/chat/completions",
        chat(",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    List<SimClient.Event> events = SimClient.events(response.body());
    List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(SimClient.Event::json).toList();

    assertThat(events.getLast().isDone()).isTrue();
    assertThat(chunks).hasSize(1 + 16 + 1 + 1);
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.get("id").asText()).isEqualTo(chunks.getFirst().get("id").asText());
      assertThat(chunk.has("usage")).isTrue();
    });
    assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    StringBuilder text = new StringBuilder();
    for (JsonNode chunk : chunks.subList(1, 17)) {
      assertThat(chunk.get("usage").isNull()).isTrue();
      text.append(chunk.at("/choices/0/delta/content").asText());
    }
    assertThat(chunks.get(17).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    JsonNode usageChunk = chunks.getLast();
    assertThat(usageChunk.get("choices").isEmpty()).isTrue();
    assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(16);
    assertThat(usageChunk.at("/usage/prompt_tokens").asInt()).isEqualTo(PROMPT_TOKENS);
    assertThat(usageChunk.at("/usage/total_tokens").asInt()).isEqualTo(PROMPT_TOKENS + 16);
    assertThat(text.toString()).isEqualTo(postJson(chat("")).at("/choices/0/message/content").asText());
  }

  @Test
  void aStreamWithoutUsageHasNoUsageChunkAndNoUsageField() {
    HttpResponse<String> response = SIM.client().post("v1/chat/completions", chat(",\"stream\":true"),
        "x-sim-tokens", "3");
    List<SimClient.Event> events = SimClient.events(response.body());

    assertThat(events).hasSize(1 + 3 + 1 + 1);
    assertThat(events.getLast().isDone()).isTrue();
    assertThat(events.subList(0, 5)).allSatisfy(event -> {
      assertThat(event.json().has("usage")).isFalse();
      assertThat(event.json().get("choices")).hasSize(1);
    });
    assertThat(events.get(4).json().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void aCutStreamEndsWithFinishReasonLength() {
    HttpResponse<String> response = SIM.client().post("v1/chat/completions",
        chat(",\"stream\":true,\"max_tokens\":2,\"stream_options\":{\"include_usage\":true}"));
    List<SimClient.Event> events = SimClient.events(response.body());

    assertThat(events).hasSize(1 + 2 + 1 + 1 + 1);
    assertThat(events.get(3).json().at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(events.get(4).json().at("/usage/completion_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void theSamePromptGivesTheSameBytesExceptIdsAndTimes() {
    String json = chat("");
    String stream = chat(",\"stream\":true,\"stream_options\":{\"include_usage\":true}");

    assertThat(SimClient.withoutIdsAndTimes(SIM.client().post("v1/chat/completions", json).body()))
        .isEqualTo(SimClient.withoutIdsAndTimes(SIM.client().post("v1/chat/completions", json).body()));
    assertThat(SimClient.withoutIdsAndTimes(SIM.client().post("v1/chat/completions", stream).body()))
        .isEqualTo(SimClient.withoutIdsAndTimes(SIM.client().post("v1/chat/completions", stream).body()));
  }

  @Test
  void anotherPromptGivesAnotherReply() {
    String other = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"Something else\"}]}";

    assertThat(postJson(other).at("/choices/0/message/content").asText())
        .isNotEqualTo(postJson(chat("")).at("/choices/0/message/content").asText());
  }
}
