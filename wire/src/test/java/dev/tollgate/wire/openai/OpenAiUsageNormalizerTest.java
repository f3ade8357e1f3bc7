package dev.tollgate.wire.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.usage.TokenUsage;
import org.junit.jupiter.api.Test;

/** {@link UsageNormalizer#OPENAI}: OpenAI's own meaning of its usage fields. */
class OpenAiUsageNormalizerTest {

  @Test
  void cachedAndCacheWriteTokensAreTakenOutOfThePrompt() {
    assertThat(normalize("""
        {"prompt_tokens":1000,"completion_tokens":10,"total_tokens":1010,
         "prompt_tokens_details":{"cached_tokens":300,"cache_write_tokens":200}}
        """)).isEqualTo(new TokenUsage(500, 300, 200, 10, 0));
  }

  @Test
  void reasoningIsTakenOutOfTheCompletion() {
    assertThat(normalize("""
        {"prompt_tokens":18,"completion_tokens":286,"total_tokens":304,
         "completion_tokens_details":{"reasoning_tokens":192}}
        """)).isEqualTo(new TokenUsage(18, 0, 0, 94, 192));
  }

  @Test
  void totalTokensIsNeverTrusted() {
    TokenUsage usage = normalize("{\"prompt_tokens\":7,\"completion_tokens\":12,\"total_tokens\":402}");

    assertThat(usage).isEqualTo(TokenUsage.of(7, 12));
    assertThat(usage.totalTokens()).isEqualTo(19);
  }

  @Test
  void embeddingsHaveOnlyInput() {
    assertThat(normalize("{\"prompt_tokens\":8,\"total_tokens\":8}")).isEqualTo(TokenUsage.of(8, 0));
  }

  @Test
  void theResponsesShapeMeansTheSame() {
    assertThat(normalize("""
        {"input_tokens":328,"input_tokens_details":{"cached_tokens":100},"output_tokens":52,
         "output_tokens_details":{"reasoning_tokens":32},"total_tokens":380}
        """)).isEqualTo(new TokenUsage(228, 100, 0, 20, 32));
  }

  @Test
  void cacheCreationInsideTheDetailsCountsAsACacheWrite() {
    assertThat(normalize("""
        {"prompt_tokens":100,"completion_tokens":1,
         "prompt_tokens_details":{"cached_tokens":10,"cache_creation_input_tokens":40}}
        """)).isEqualTo(new TokenUsage(50, 10, 40, 1, 0));
  }

  @Test
  void inconsistentCountsClampAtZeroInsteadOfGoingNegative() {
    assertThat(normalize("""
        {"prompt_tokens":5,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":9},
         "completion_tokens_details":{"reasoning_tokens":4}}
        """)).isEqualTo(new TokenUsage(0, 9, 0, 0, 4));
  }

  private static TokenUsage normalize(String usage) {
    byte[] json = ("{\"usage\":" + usage + "}").getBytes(UTF_8);
    return UsageNormalizer.OPENAI.normalize(OpenAiUsageReader.read(json).orElseThrow());
  }
}
