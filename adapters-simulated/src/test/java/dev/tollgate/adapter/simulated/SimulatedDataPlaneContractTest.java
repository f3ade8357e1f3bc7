package dev.tollgate.adapter.simulated;

import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.contract.DataPlaneContract;
import dev.tollgate.port.out.contract.MessagesShape;
import dev.tollgate.port.out.contract.UsageShape;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The simulated data plane's client half, connected to the contract's scripted upstream instead of
 * a simulator of its own. The simulator emits OpenAI's shapes only.
 */
class SimulatedDataPlaneContractTest extends DataPlaneContract {

  @Override
  protected DataPlane dataPlaneAt(URI base, Duration maxHeadTimeout) {
    return SimulatedDataPlane.connect(base, maxHeadTimeout);
  }

  @Override
  protected Set<UsageShape> usageShapes() {
    return EnumSet.of(UsageShape.OPENAI, UsageShape.LEGACY_COMPLETIONS, UsageShape.EMBEDDINGS,
        UsageShape.RESPONSES, UsageShape.RERANK,
        UsageShape.SCORE);
  }

  /** The simulator answers Messages like Anthropic does today. */
  @Override
  protected Set<MessagesShape> messagesShapes() {
    return EnumSet.of(MessagesShape.ANTHROPIC);
  }
}
