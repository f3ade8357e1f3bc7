package dev.tollgate.adapter.envoyaigw;

import static dev.tollgate.wire.openai.RawUsage.orZero;

import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.wire.openai.RawUsage;
import java.util.OptionalLong;

/**
 * Normalizes the usage Envoy AI Gateway emits to clients, whichever backend answered. The gateway
 * passes OpenAI-schema backends (OpenAI, vLLM, an inference pool) through and translates Anthropic,
 * Bedrock and Vertex into OpenAI's schema; unlike agentgateway, it translates into OpenAI's
 * <em>meaning</em> too: {@code prompt_tokens} always includes the cache reads and the cache writes.
 *
 * <h2>The rule</h2>
 *
 * <pre>
 *   prompt     = prompt_tokens (input_tokens in the Responses shape)
 *   cached     = prompt_tokens_details.cached_tokens, else top-level cache_read_input_tokens
 *   cacheWrite = prompt_tokens_details.cache_creation_input_tokens (Envoy's name), else
 *                prompt_tokens_details.cache_write_tokens (OpenAI's, passed through), else
 *                top-level cache_creation_input_tokens
 *   reasoning  = completion_tokens_details.reasoning_tokens
 *
 *   input  = prompt - cached - cacheWrite      (the gateway folds both into prompt_tokens)
 *            but prompt itself when cached + cacheWrite &gt; prompt: no inclusive reading fits
 *   output = completion - reasoning            (reasoning is inside completion_tokens)
 *            but completion itself when reasoning &gt; completion
 *   total_tokens is never read; an absent count is zero (Envoy omits zeros: omitempty/omitzero).
 * </pre>
 *
 * <h2>Evidence</h2>
 *
 * <p>The cassettes (envoyproxy/ai-gateway tests/internal/testopenai/cassettes at v1.1.0, checked by
 * EnvoyAiGatewayCassettesTest) are api.openai.com recordings the gateway passes through. They fix
 * the OpenAI half of the rule: completion includes reasoning, prompt includes the (zero) cache.
 *
 * <table>
 *   <caption>cassette: usage → TokenUsage(in, cached, write, out, reasoning)</caption>
 *   <tr><td>chat-basic</td><td>prompt 8, completion 377 with reasoning 320, total 385 = 8 + 377
 *       </td><td>(8, 0, 0, 57, 320)</td></tr>
 *   <tr><td>chat-detailed-usage</td><td>prompt 12, completion 100 all reasoning (finish_reason
 *       length)</td><td>(12, 0, 0, 0, 100)</td></tr>
 *   <tr><td>chat-reasoning</td><td>prompt 27, completion 267 with reasoning 192</td>
 *       <td>(27, 0, 0, 75, 192)</td></tr>
 *   <tr><td>chat-streaming-detailed-usage</td><td>final {@code choices:[]} chunk 12 / 100 / 100
 *       </td><td>(12, 0, 0, 0, 100)</td></tr>
 *   <tr><td>chat-streaming</td><td>no stream_options, so no usage chunk at all</td>
 *       <td>none</td></tr>
 *   <tr><td>completion-streaming-usage</td><td>legacy completions, final chunk 31 / 25</td>
 *       <td>(31, 0, 0, 25, 0)</td></tr>
 * </table>
 *
 * <p>No cassette carries a cache read or write, so the cache half rests on the gateway's source and
 * history (envoyproxy/ai-gateway; the stored copies read were at the commits named, not at the
 * v1.1.0 tag the cassettes come from):
 *
 * <ul>
 *   <li>{@code internal/apischema/openai/openai.go} (01bcb14): {@code PromptTokensDetails} has
 *       {@code CachedTokens json:"cached_tokens,omitzero"} and
 *       {@code CacheCreationTokens json:"cache_creation_input_tokens,omitzero"}; the usage counts
 *       themselves are {@code omitempty}.
 *   <li>{@code internal/translator/anthropic_helper.go} (01a0311), the Anthropic stream parser:
 *       input tokens are set to {@code base + cachedTokens + cacheCreationTokens}, and the final
 *       {@code choices:[]} chunk carries {@code PromptTokens} = that sum with
 *       {@code PromptTokensDetails{CachedTokens, CacheCreationTokens}}.
 *   <li>{@code internal/metrics/metrics.go} (0209b06), {@code ExtractTokenUsageFromAnthropic}:
 *       "total input tokens is the summation of input_tokens + cache_creation_input_tokens +
 *       cache_read_input_tokens"; cache reads and writes are kept apart.
 *   <li>PR #1721 (2026-01): "Include cache creation and cache hit tokens to total input tokens ...
 *       to unify the usage response to user for both implicit and explicit cache as the input
 *       tokens for gpt and gemini include the cache tokens." PR #1719 (2026-01) added the
 *       cache-write count to the response, named after LiteLLM's
 *       {@code cache_creation_input_tokens}.
 * </ul>
 *
 * <p>So one economic event (500 fresh, 300 read, 200 written, 10 out) arrives from Envoy as
 * {@code prompt_tokens 1000, cached_tokens 300, cache_creation_input_tokens 200} and from
 * agentgateway's Anthropic translation as {@code prompt_tokens 500} with both cache counts beside
 * it; both normalize to (500, 300, 200, 10, 0). The data-plane contract checks exactly that.
 *
 * <h2>Assumptions where neither is explicit</h2>
 *
 * <ul>
 *   <li>A passed-through backend that itself reports Anthropic's top-level cache fields (LiteLLM)
 *       does so with an inclusive prompt, so those fields are only fallbacks for the counts, never
 *       a sign that the prompt excludes them (agentgateway's adapter reads them the other way).
 *   <li>The consistency fallbacks (cache above prompt, reasoning above completion) never fire on
 *       what the gateway emits; they keep a misreporting backend from being billed below its own
 *       reported counts.
 * </ul>
 */
final class EnvoyAiGatewayUsage {

  private EnvoyAiGatewayUsage() {}

  static TokenUsage normalize(RawUsage raw) {
    long prompt = orZero(raw.promptTokens());
    long completion = orZero(raw.completionTokens());
    long cached = orZero(first(raw.cachedTokens(), raw.cacheReadInputTokens()));
    long cacheWrite = orZero(first(first(raw.detailsCacheCreationTokens(), raw.cacheWriteTokens()),
        raw.cacheCreationInputTokens()));
    long reasoning = orZero(raw.reasoningTokens());

    long input = cached + cacheWrite > prompt ? prompt : prompt - cached - cacheWrite;
    long output = reasoning > completion ? completion : completion - reasoning;
    return new TokenUsage(input, cached, cacheWrite, output, reasoning);
  }

  private static OptionalLong first(OptionalLong preferred, OptionalLong fallback) {
    return preferred.isPresent() ? preferred : fallback;
  }
}
