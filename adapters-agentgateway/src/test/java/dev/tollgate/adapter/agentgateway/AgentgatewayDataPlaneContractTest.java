package dev.tollgate.adapter.agentgateway;

import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.contract.DataPlaneContract;
import dev.tollgate.port.out.contract.MessagesShape;
import dev.tollgate.port.out.contract.UsageShape;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * agentgateway under the data-plane contract. It passes OpenAI-compatible providers through (vLLM
 * behind the inference pool, OpenAI, Gemini's OpenAI endpoint) and translates Anthropic and Bedrock
 * with the cache outside {@code prompt_tokens}; it never emits Envoy's inclusive translation.
 */
class AgentgatewayDataPlaneContractTest extends DataPlaneContract {

  @Override
  protected DataPlane dataPlaneAt(URI base, Duration maxHeadTimeout) {
    return new AgentgatewayDataPlane(new AgentgatewaySettings(base,
        AgentgatewaySettings.DEFAULT_CONNECT_TIMEOUT, maxHeadTimeout,
        AgentgatewaySettings.DEFAULT_OBJECTIVE_HEADER,
        AgentgatewaySettings.DEFAULT_FAIRNESS_HEADER));
  }

  @Override
  protected Optional<String> objectiveHeader() {
    return Optional.of(AgentgatewaySettings.DEFAULT_OBJECTIVE_HEADER);
  }

  @Override
  protected Set<UsageShape> usageShapes() {
    return EnumSet.of(UsageShape.OPENAI, UsageShape.OPENAI_SPARSE, UsageShape.OPENAI_WRONG_TOTAL,
        UsageShape.TRANSLATED_CACHE_EXCLUSIVE, UsageShape.LEGACY_COMPLETIONS,
        UsageShape.EMBEDDINGS, UsageShape.RESPONSES, UsageShape.RERANK,
        UsageShape.SCORE);
  }

  /** Anthropic passed through (with and without the lifetime split) and other providers translated. */
  @Override
  protected Set<MessagesShape> messagesShapes() {
    return EnumSet.allOf(MessagesShape.class);
  }
}
