package dev.tollgate.adapter.agentgateway;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.usage.TokenUsage;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every agentgateway golden snapshot, normalized. The expected parts are derived by hand from the
 * raw provider response next to each snapshot ({@code *.json}), not from agentgateway's output:
 * TokenUsage(fresh input, cache reads, cache writes, visible output, reasoning).
 */
class AgentgatewayFixturesTest {

  private static final Map<String, TokenUsage> EXPECTED = Map.ofEntries(
      // Anthropic usage: input_tokens 15, cache_read 12, cache_creation 13, output_tokens 21.
      entry("anthropic__basic.messages-completions.snap", new TokenUsage(15, 12, 13, 21, 0)),
      // Anthropic: input 47, cache_read 2, cache_creation 1, output 251 (thinking inside output).
      entry("anthropic__thinking.messages-completions.snap", new TokenUsage(47, 2, 1, 251, 0)),
      // Anthropic SSE: message_delta usage input 15, output 21, cache reads and writes 0.
      entry("anthropic__stream_basic.messages-completions-streaming.snap",
          new TokenUsage(15, 0, 0, 21, 0)),
      // Anthropic-compatible (glm): message_delta input 3883, cache_read 30464, output 49.
      entry("anthropic__stream_message_delta_usage.messages-completions-streaming.snap",
          new TokenUsage(3883, 30464, 0, 49, 0)),
      // Bedrock Converse: inputTokens 18, outputTokens 46.
      entry("bedrock__basic.bedrock-completions.snap", new TokenUsage(18, 0, 0, 46, 0)),
      // Bedrock stream: its raw input (basic.bin) is not in the fixtures; 15/142 per the snapshot.
      entry("bedrock__basic.bedrock-completions-streaming.snap", new TokenUsage(15, 0, 0, 142, 0)),
      // Bedrock: inputTokens 16, cacheWriteInputTokens 2387, outputTokens 9 (total 2412).
      entry("bedrock__cache_write.bedrock-completions.snap", new TokenUsage(16, 0, 2387, 9, 0)),
      // OpenAI: prompt 17, completion 23, cached 0, reasoning 0.
      entry("completions__basic.completions-completions.snap", new TokenUsage(17, 0, 0, 23, 0)),
      // OpenAI: prompt 1000 includes cached 300 and cache_write 200.
      entry("completions__cache_write.completions-completions.snap",
          new TokenUsage(500, 300, 200, 10, 0)),
      // Gemini via its OpenAI endpoint: 7 + 12; total_tokens 402 is wrong and ignored.
      entry("completions__gemini_with_completion_tokens.completions-completions.snap",
          new TokenUsage(7, 0, 0, 12, 0)),
      // OpenAI gpt-5-nano SSE: prompt 18, completion 286 includes reasoning 192.
      entry("completions__stream.completions-completions-streaming.snap",
          new TokenUsage(18, 0, 0, 94, 192)),
      // Vertex Gemini: promptTokenCount 10, candidatesTokenCount 12, thoughtsTokenCount 5.
      entry("vertex-gemini__reasoning.vertex-gemini-completions.snap",
          new TokenUsage(10, 0, 0, 12, 5)),
      // Vertex Gemini SSE: promptTokenCount 15, candidatesTokenCount 12.
      entry("vertex-gemini__stream_tool.vertex-gemini-completions-streaming.snap",
          new TokenUsage(15, 0, 0, 12, 0)));

  private static final AgentgatewayDataPlane PLANE =
      new AgentgatewayDataPlane(AgentgatewaySettings.defaults(URI.create("http://127.0.0.1:9")));

  @AfterAll
  static void close() {
    PLANE.close();
  }

  static Iterable<String> snapshots() {
    return Snapshots.names();
  }

  @Test
  void everySnapshotHasAnExpectationAndEveryExpectationASnapshot() {
    assertThat(Snapshots.names()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snapshots")
  void theNormalizedUsageIsTheProvidersOwnSplit(String snapshot) {
    assertThat(Snapshots.usage(PLANE, snapshot)).contains(EXPECTED.get(snapshot));
  }

  @Test
  void theTotalIsComputedNotCopied() {
    TokenUsage gemini = Snapshots
        .usage(PLANE, "completions__gemini_with_completion_tokens.completions-completions.snap")
        .orElseThrow();
    TokenUsage bedrock =
        Snapshots.usage(PLANE, "bedrock__cache_write.bedrock-completions.snap").orElseThrow();

    assertThat(gemini.totalTokens()).isEqualTo(19);
    assertThat(bedrock.totalTokens()).isEqualTo(2412);
  }

  @Test
  void passedThroughOpenAiCompatibleBodiesNormalizeAsTheirSnapshotsDo() throws Exception {
    for (String provider : new String[] {"basic", "cache_write", "gemini_with_completion_tokens"}) {
      byte[] raw = Files.readAllBytes(Snapshots.DIR.resolve("completions__" + provider + ".json"));
      String snapshot = "completions__" + provider + ".completions-completions.snap";

      assertThat(PLANE.usageIn(raw, 0, raw.length)).as(provider).contains(EXPECTED.get(snapshot));
    }
  }

  @Test
  void openRouterWithNullDetailsIsPlainPromptAndCompletion() throws Exception {
    byte[] raw = Files.readAllBytes(Snapshots.DIR.resolve("completions__openrouter_reasoning.json"));

    assertThat(PLANE.usageIn(raw, 0, raw.length)).contains(new TokenUsage(23, 0, 0, 796, 0));
  }
}
