package dev.tollgate.adapter.agentgateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.wire.openai.OpenAiUsageReader;
import org.junit.jupiter.api.Test;

/** The cases the golden snapshots do not cover, each a branch of the rule. */
class AgentgatewayUsageTest {

  @Test
  void geminiCachedTokensWithoutTopLevelFieldsAreInsideThePrompt() {
    assertThat(normalize("""
        {"prompt_tokens":100,"completion_tokens":5,"total_tokens":105,
         "prompt_tokens_details":{"cached_tokens":60}}
        """)).isEqualTo(new TokenUsage(40, 60, 0, 5, 0));
  }

  @Test
  void topLevelFieldsAloneSayThePromptIsFreshInput() {
    assertThat(normalize("""
        {"prompt_tokens":100,"completion_tokens":5,"cache_read_input_tokens":20,
         "cache_creation_input_tokens":30}
        """)).isEqualTo(new TokenUsage(100, 20, 30, 5, 0));
  }

  @Test
  void theResponsesTranslationFromAnthropicIsCaughtByTheConsistencyCheck() {
    // agentgateway tests/response/anthropic/basic.messages-responses.snap: same Anthropic usage
    // as anthropic__basic, emitted in the Responses shape with no top-level cache fields.
    assertThat(normalize("""
        {"input_tokens":15,"output_tokens":21,"input_tokens_details":{"cached_tokens":12,
         "cache_write_tokens":13},"output_tokens_details":{"reasoning_tokens":0},"total_tokens":36}
        """)).isEqualTo(new TokenUsage(15, 12, 13, 21, 0));
  }

  @Test
  void reasoningLargerThanTheCompletionIsNotInsideIt() {
    assertThat(normalize("""
        {"prompt_tokens":10,"completion_tokens":3,"completion_tokens_details":{"reasoning_tokens":40}}
        """)).isEqualTo(new TokenUsage(10, 0, 0, 3, 40));
  }

  @Test
  void cacheCreationInsideTheDetailsIsACacheWrite() {
    assertThat(normalize("""
        {"prompt_tokens":100,"completion_tokens":1,
         "prompt_tokens_details":{"cached_tokens":10,"cache_creation_input_tokens":40}}
        """)).isEqualTo(new TokenUsage(50, 10, 40, 1, 0));
  }

  @Test
  void embeddingsAreInputOnly() {
    assertThat(normalize("{\"prompt_tokens\":8,\"total_tokens\":8}")).isEqualTo(TokenUsage.of(8, 0));
  }

  private static TokenUsage normalize(String usage) {
    byte[] json = ("{\"usage\":" + usage + "}").getBytes(UTF_8);
    return AgentgatewayUsage.normalize(OpenAiUsageReader.read(json).orElseThrow());
  }
}
