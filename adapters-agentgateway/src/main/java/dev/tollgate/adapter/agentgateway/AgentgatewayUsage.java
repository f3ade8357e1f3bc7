package dev.tollgate.adapter.agentgateway;

import static dev.tollgate.wire.openai.RawUsage.orZero;

import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.wire.openai.RawUsage;
import java.util.OptionalLong;

/**
 * Normalizes the usage agentgateway emits to clients, whichever provider answered. agentgateway
 * passes OpenAI-compatible providers through and translates Anthropic, Bedrock and Gemini into
 * OpenAI's shape, but not OpenAI's meaning: for Anthropic and Bedrock, {@code prompt_tokens} is
 * the provider's fresh input only, and cached tokens can exceed it.
 *
 * <h2>The rule</h2>
 *
 * <pre>
 *   prompt     = prompt_tokens (input_tokens in the Responses shape)
 *   cached     = prompt_tokens_details.cached_tokens, else top-level cache_read_input_tokens
 *   cacheWrite = prompt_tokens_details.cache_write_tokens, else top-level
 *                cache_creation_input_tokens, else prompt_tokens_details.cache_creation_input_tokens
 *   reasoning  = completion_tokens_details.reasoning_tokens
 *
 *   prompt excludes the cache    when top-level cache_read_input_tokens or
 *                                cache_creation_input_tokens is present (even as 0), or when
 *                                cached + cacheWrite &gt; prompt (no inclusive reading fits)
 *   completion excludes reasoning when reasoning &gt; completion (same argument)
 *
 *   input  = prompt             if it excludes the cache, else max(0, prompt - cached - cacheWrite)
 *   output = completion         if it excludes reasoning, else completion - reasoning
 *   total_tokens is never read.
 * </pre>
 *
 * <h2>Evidence (agentgateway golden snapshots at 75b4e6c, checked by AgentgatewayFixturesTest)</h2>
 *
 * <table>
 *   <caption>fixture: what the provider said → what agentgateway emits → TokenUsage(in, cached,
 *   write, out, reasoning)</caption>
 *   <tr><td>completions/basic (OpenAI)</td><td>prompt 17, completion 23, cached 0, reasoning
 *       0</td><td>(17, 0, 0, 23, 0)</td></tr>
 *   <tr><td>completions/cache_write (OpenAI)</td><td>prompt 1000 with cached 300 and
 *       cache_write 200 inside it, passed through</td><td>(500, 300, 200, 10, 0)</td></tr>
 *   <tr><td>completions/stream (OpenAI gpt-5-nano)</td><td>completion 286 includes reasoning
 *       192</td><td>(18, 0, 0, 94, 192)</td></tr>
 *   <tr><td>completions/gemini_with_completion_tokens</td><td>7 + 12 with total_tokens
 *       402</td><td>(7, 0, 0, 12, 0)</td></tr>
 *   <tr><td>anthropic/basic</td><td>Anthropic input 15, cache read 12, cache creation 13 →
 *       prompt_tokens 15 plus both top-level fields</td><td>(15, 12, 13, 21, 0)</td></tr>
 *   <tr><td>anthropic/thinking</td><td>input 47, read 2, creation 1, output 251 (thinking
 *       included, no split emitted)</td><td>(47, 2, 1, 251, 0)</td></tr>
 *   <tr><td>anthropic/stream_basic</td><td>message_delta usage 15/21, cache fields 0 → on the
 *       finish_reason chunk</td><td>(15, 0, 0, 21, 0)</td></tr>
 *   <tr><td>anthropic/stream_message_delta_usage</td><td>input 3883, cache read 30464 → cached
 *       exceeds prompt</td><td>(3883, 30464, 0, 49, 0)</td></tr>
 *   <tr><td>bedrock/basic, non-stream and stream</td><td>18/46; 15/142 on a separate
 *       {@code choices:[]} chunk</td><td>(18, 0, 0, 46, 0); (15, 0, 0, 142, 0)</td></tr>
 *   <tr><td>bedrock/cache_write</td><td>inputTokens 16, cacheWriteInputTokens 2387, output 9,
 *       totalTokens 2412 = 16 + 9 + 2387, so Bedrock's input excludes the write</td>
 *       <td>(16, 0, 2387, 9, 0)</td></tr>
 *   <tr><td>vertex-gemini/reasoning</td><td>candidates 12 + thoughts 5 → completion 17,
 *       reasoning 5</td><td>(10, 0, 0, 12, 5)</td></tr>
 *   <tr><td>vertex-gemini/stream_tool</td><td>15/12</td><td>(15, 0, 0, 12, 0)</td></tr>
 * </table>
 *
 * <h2>Assumptions where the fixtures are silent</h2>
 *
 * <ul>
 *   <li>Gemini with a context cache: Gemini's promptTokenCount includes cachedContentTokenCount,
 *       and agentgateway emits it as {@code cached_tokens} without top-level fields (its own
 *       Gemini-to-Anthropic path subtracts cached from prompt), so the inclusive reading applies.
 *   <li>Anthropic thinking tokens stay in {@code output}: agentgateway emits no reasoning count for
 *       Anthropic. Both are priced at the output rate, so the cost is right; only the split is lost.
 *   <li>Top-level {@code cache_*_input_tokens} mark agentgateway's Anthropic/Bedrock translation. A
 *       backend that is itself a gateway emitting those names with an inclusive prompt (LiteLLM
 *       does) would be over-counted by its cached tokens; route such backends through a data plane
 *       of their own.
 *   <li>agentgateway's Responses translation from Anthropic uses {@code input_tokens} exclusive of
 *       the cache with no top-level marker. Only the consistency check catches it, so such a
 *       response whose cache is smaller than its fresh input is read as inclusive. Per-route
 *       provider knowledge would close this gap; the usage document alone cannot.
 * </ul>
 */
final class AgentgatewayUsage {

  private AgentgatewayUsage() {}

  static TokenUsage normalize(RawUsage raw) {
    long prompt = orZero(raw.promptTokens());
    long completion = orZero(raw.completionTokens());
    long cached = orZero(first(raw.cachedTokens(), raw.cacheReadInputTokens()));
    long cacheWrite = orZero(first(first(raw.cacheWriteTokens(), raw.cacheCreationInputTokens()),
        raw.detailsCacheCreationTokens()));
    long reasoning = orZero(raw.reasoningTokens());

    boolean promptExcludesCache = raw.hasTopLevelCacheFields() || cached + cacheWrite > prompt;
    long input = promptExcludesCache ? prompt : prompt - cached - cacheWrite;
    long output = reasoning > completion ? completion : completion - reasoning;
    return new TokenUsage(input, cached, cacheWrite, output, reasoning);
  }

  private static OptionalLong first(OptionalLong preferred, OptionalLong fallback) {
    return preferred.isPresent() ? preferred : fallback;
  }
}
