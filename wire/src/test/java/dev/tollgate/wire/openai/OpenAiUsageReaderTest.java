package dev.tollgate.wire.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.wire.JsonBytes;
import dev.tollgate.wire.openai.RawUsage.Shape;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiUsageReaderTest {

  @Test
  void chatUsageWithEveryDetailIsReadAsFound() {
    RawUsage raw = read("""
        {"id":"c","choices":[{"message":{"content":"the word usage inside content"}}],
         "usage":{"prompt_tokens":1000,"completion_tokens":10,"total_tokens":1010,
           "prompt_tokens_details":{"cached_tokens":300,"cache_write_tokens":200,"audio_tokens":0},
           "completion_tokens_details":{"reasoning_tokens":4}}}
        """).orElseThrow();

    assertThat(raw.shape()).isEqualTo(Shape.PROMPT_COMPLETION);
    assertThat(raw.promptTokens()).hasValue(1000);
    assertThat(raw.completionTokens()).hasValue(10);
    assertThat(raw.totalTokens()).hasValue(1010);
    assertThat(raw.cachedTokens()).hasValue(300);
    assertThat(raw.cacheWriteTokens()).hasValue(200);
    assertThat(raw.reasoningTokens()).hasValue(4);
    assertThat(raw.hasTopLevelCacheFields()).isFalse();
  }

  @Test
  void anthropicTopLevelCacheFieldsAreKeptApart() {
    RawUsage raw = read("""
        {"usage":{"prompt_tokens":15,"completion_tokens":21,"total_tokens":36,
          "prompt_tokens_details":{"cached_tokens":12,"cache_write_tokens":13},
          "cache_read_input_tokens":12,"cache_creation_input_tokens":13}}
        """).orElseThrow();

    assertThat(raw.cacheReadInputTokens()).hasValue(12);
    assertThat(raw.cacheCreationInputTokens()).hasValue(13);
    assertThat(raw.hasTopLevelCacheFields()).isTrue();
  }

  @Test
  void embeddingsUsageHasNoCompletion() {
    RawUsage raw = read("""
        {"object":"list","data":[],"model":"e","usage":{"prompt_tokens":8,"total_tokens":8}}
        """).orElseThrow();

    assertThat(raw.promptTokens()).hasValue(8);
    assertThat(raw.completionTokens()).isEmpty();
  }

  @Test
  void responsesApiBodyUsesInputAndOutputNames() {
    RawUsage raw = read("""
        {"object":"response","status":"completed","usage":{"input_tokens":328,
          "input_tokens_details":{"cached_tokens":100},"output_tokens":52,
          "output_tokens_details":{"reasoning_tokens":32},"total_tokens":380}}
        """).orElseThrow();

    assertThat(raw.shape()).isEqualTo(Shape.INPUT_OUTPUT);
    assertThat(raw.promptTokens()).hasValue(328);
    assertThat(raw.cachedTokens()).hasValue(100);
    assertThat(raw.completionTokens()).hasValue(52);
    assertThat(raw.reasoningTokens()).hasValue(32);
  }

  @Test
  void aResponsesStreamEventCarriesUsageUnderResponse() {
    RawUsage raw = read("""
        {"type":"response.completed","sequence_number":9,"response":{"id":"r","output":[],
          "usage":{"input_tokens":20,"output_tokens":7,"output_tokens_details":{"reasoning_tokens":0}}}}
        """).orElseThrow();

    assertThat(raw.promptTokens()).hasValue(20);
    assertThat(raw.completionTokens()).hasValue(7);
  }

  @Test
  void earlierResponsesEventsWithNullUsageAreEmpty() {
    assertThat(read("{\"type\":\"response.created\",\"response\":{\"id\":\"r\",\"usage\":null}}"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}",
    "{\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}",
    "[DONE]",
    "{\"usage\":{}}",
    "{\"usage\":[1,2]}",
    "{\"usage\":{\"prompt_tokens\":-5,\"completion_tokens\":1.5}}",
    "{\"usage\":{\"prompt_tokens\":3,",
    "[{\"usage\":{\"prompt_tokens\":3}}]",
    ""
  })
  void documentsWithoutUsableUsageAreEmpty(String json) {
    assertThat(read(json)).isEmpty();
  }

  @Test
  void nullDetailsAreAbsentNotAnError() {
    RawUsage raw = read("""
        {"usage":{"prompt_tokens":23,"completion_tokens":796,"total_tokens":819,
          "prompt_tokens_details":null}}
        """).orElseThrow();

    assertThat(raw.cachedTokens()).isEmpty();
    assertThat(raw.completionTokens()).hasValue(796);
  }

  @Test
  void onlyTheGivenSliceIsRead() {
    byte[] buffer = ("data: {\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":6}}\n\n"
        + "data: {\"usage\":{\"prompt_tokens\":9}}").getBytes(UTF_8);
    int offset = "data: ".length();
    int length = "{\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":6}}".length();

    assertThat(OpenAiUsageReader.read(buffer, offset, length).orElseThrow().promptTokens())
        .isEqualTo(OptionalLong.of(5));
  }

  @Test
  void theFastPathLooksForTheQuotedKeyWithinTheSliceOnly() {
    byte[] bytes = "xx\"usage\":{}yy".getBytes(UTF_8);
    byte[] key = "\"usage\"".getBytes(UTF_8);

    assertThat(JsonBytes.hasObjectMember(bytes, 0, bytes.length, key)).isTrue();
    assertThat(JsonBytes.hasObjectMember(bytes, 0, 10, key)).isFalse();
    assertThat(JsonBytes.hasObjectMember(bytes, 3, 10, key)).isFalse();
  }

  private static Optional<RawUsage> read(String json) {
    return OpenAiUsageReader.read(json.getBytes(UTF_8));
  }
}
