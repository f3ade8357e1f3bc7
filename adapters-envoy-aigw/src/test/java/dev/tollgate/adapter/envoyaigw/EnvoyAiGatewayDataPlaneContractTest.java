package dev.tollgate.adapter.envoyaigw;

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
 * Envoy AI Gateway under the data-plane contract. It passes OpenAI-schema backends through and
 * translates Anthropic and Bedrock with the cache inside {@code prompt_tokens}; it never emits
 * agentgateway's exclusive translation.
 */
class EnvoyAiGatewayDataPlaneContractTest extends DataPlaneContract {

  @Override
  protected DataPlane dataPlaneAt(URI base, Duration maxHeadTimeout) {
    return new EnvoyAiGatewayDataPlane(EnvoyAiGatewaySettings.defaults(base)
        .withTimeouts(EnvoyAiGatewaySettings.DEFAULT_CONNECT_TIMEOUT, maxHeadTimeout));
  }

  @Override
  protected Optional<String> objectiveHeader() {
    return Optional.of(EnvoyAiGatewaySettings.DEFAULT_OBJECTIVE_HEADER);
  }

  @Override
  protected Set<UsageShape> usageShapes() {
    return EnumSet.of(UsageShape.OPENAI, UsageShape.OPENAI_SPARSE, UsageShape.OPENAI_WRONG_TOTAL,
        UsageShape.TRANSLATED_CACHE_INCLUSIVE, UsageShape.LEGACY_COMPLETIONS,
        UsageShape.EMBEDDINGS, UsageShape.RESPONSES, UsageShape.RERANK,
        UsageShape.SCORE);
  }

  /** Anthropic, GCP Vertex AI and AWS Bedrock Anthropic backends, passed through. */
  @Override
  protected Set<MessagesShape> messagesShapes() {
    return EnumSet.of(MessagesShape.ANTHROPIC, MessagesShape.ANTHROPIC_WITHOUT_SPLIT);
  }
}
