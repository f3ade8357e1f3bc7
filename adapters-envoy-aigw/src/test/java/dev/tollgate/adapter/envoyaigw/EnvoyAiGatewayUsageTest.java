package dev.tollgate.adapter.envoyaigw;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.wire.openai.OpenAiUsageReader;
import org.junit.jupiter.api.Test;

/** Each branch of the rule, in the shapes Envoy AI Gateway emits. */
class EnvoyAiGatewayUsageTest {

  @Test
  void anAnthropicAnswerTranslatedByEnvoyHasItsCacheInsideThePrompt() {
    // Anthropic said input 15, cache read 12, cache creation 13, output 21 (agentgateway's
    // anthropic__basic); Envoy sums the three into prompt_tokens.
    assertThat(normalize("""
        {"prompt_tokens":40,"completion_tokens":21,"total_tokens":61,
         "prompt_tokens_details":{"cached_tokens":12,"cache_creation_input_tokens":13}}
        """)).isEqualTo(new TokenUsage(15, 12, 13, 21, 0));
  }

  @Test
  void zeroDetailsAreOmittedAndMeanZero() {
    assertThat(normalize("""
        {"prompt_tokens":16,"completion_tokens":9,"total_tokens":25,"prompt_tokens_details":{}}
        """)).isEqualTo(TokenUsage.of(16, 9));
  }

  @Test
  void openAisOwnCacheWriteNamePassedThroughIsACacheWrite() {
    assertThat(normalize("""
        {"prompt_tokens":1000,"completion_tokens":10,
         "prompt_tokens_details":{"cached_tokens":300,"cache_write_tokens":200}}
        """)).isEqualTo(new TokenUsage(500, 300, 200, 10, 0));
  }

  @Test
  void envoysNameWinsWhenBothWriteNamesAppear() {
    assertThat(normalize("""
        {"prompt_tokens":1000,"completion_tokens":10,"prompt_tokens_details":
         {"cached_tokens":300,"cache_creation_input_tokens":200,"cache_write_tokens":999}}
        """)).isEqualTo(new TokenUsage(500, 300, 200, 10, 0));
  }

  @Test
  void topLevelCacheFieldsAreFallbackCountsInsideAnInclusivePrompt() {
    assertThat(normalize("""
        {"prompt_tokens":100,"completion_tokens":5,"cache_read_input_tokens":20,
         "cache_creation_input_tokens":30}
        """)).isEqualTo(new TokenUsage(50, 20, 30, 5, 0));
  }

  @Test
  void aCacheLargerThanThePromptCannotBeInsideIt() {
    assertThat(normalize("""
        {"prompt_tokens":10,"completion_tokens":1,"prompt_tokens_details":{"cached_tokens":40}}
        """)).isEqualTo(new TokenUsage(10, 40, 0, 1, 0));
  }

  @Test
  void reasoningLargerThanTheCompletionIsNotInsideIt() {
    assertThat(normalize("""
        {"prompt_tokens":10,"completion_tokens":3,
         "completion_tokens_details":{"reasoning_tokens":40}}
        """)).isEqualTo(new TokenUsage(10, 0, 0, 3, 40));
  }

  @Test
  void theResponsesShapeFollowsTheSameRule() {
    assertThat(normalize("""
        {"input_tokens":1000,"input_tokens_details":{"cached_tokens":300},"output_tokens":50,
         "output_tokens_details":{"reasoning_tokens":20},"total_tokens":1050}
        """)).isEqualTo(new TokenUsage(700, 300, 0, 30, 20));
  }

  @Test
  void embeddingsAreInputOnly() {
    assertThat(normalize("{\"prompt_tokens\":8,\"total_tokens\":8}"))
        .isEqualTo(TokenUsage.of(8, 0));
  }

  private static TokenUsage normalize(String usage) {
    byte[] json = ("{\"usage\":" + usage + "}").getBytes(UTF_8);
    return EnvoyAiGatewayUsage.normalize(OpenAiUsageReader.read(json).orElseThrow());
  }
}
