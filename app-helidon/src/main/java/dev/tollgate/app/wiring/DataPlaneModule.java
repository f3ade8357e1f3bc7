package dev.tollgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tollgate.adapter.agentgateway.AgentgatewayDataPlane;
import dev.tollgate.adapter.agentgateway.AgentgatewaySettings;
import dev.tollgate.adapter.envoyaigw.EnvoyAiGatewayDataPlane;
import dev.tollgate.adapter.envoyaigw.EnvoyAiGatewaySettings;
import dev.tollgate.adapter.simulated.SimulatedDataPlane;
import dev.tollgate.adapter.simulated.SimulatorSettings;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.port.out.DataPlane;

/**
 * The one place a data plane is chosen, by {@code tollgate.data-plane.type}. An unknown value
 * already failed when the configuration was read, naming the valid ones. Its credential comes
 * from the environment or the stored secrets ({@link DataPlaneCredential}), which also makes the
 * start-up salt key check run before any data plane exists.
 */
public final class DataPlaneModule extends AbstractModule {

  private final Closer closer;

  public DataPlaneModule(Closer closer) {
    this.closer = closer;
  }

  @Provides
  @Singleton
  DataPlane dataPlane(GatewayConfig config, DataPlaneCredential credential) {
    GatewayConfig.DataPlaneSettings dp = config.dataPlane();
    return switch (dp.type()) {
      case "agentgateway" -> closer.register(
          new AgentgatewayDataPlane(new AgentgatewaySettings(
              dp.baseUrl().orElseThrow(), AgentgatewaySettings.DEFAULT_CONNECT_TIMEOUT, dp.timeout(),
              AgentgatewaySettings.DEFAULT_OBJECTIVE_HEADER,
              AgentgatewaySettings.DEFAULT_FAIRNESS_HEADER),
          credential.value().map(Secret::reveal)));
      case "envoy-aigw" -> closer.register(
          new EnvoyAiGatewayDataPlane(EnvoyAiGatewaySettings.defaults(dp.baseUrl().orElseThrow())
              .withTimeouts(EnvoyAiGatewaySettings.DEFAULT_CONNECT_TIMEOUT, dp.timeout())
              .withTenantHeader(dp.envoyAiGateway().tenantHeader())
              .withModelHeader(dp.envoyAiGateway().sendModelHeader()),
          credential.value().map(Secret::reveal)));
      case "simulated" -> closer.register(
          SimulatedDataPlane.start(
              SimulatorSettings.defaults()
                  .withDelays(dp.simulatorFirstByte(), dp.simulatorPerToken())
                  .withModels(config.models().stream()
                      .map(m -> m.upstreamName().value()).distinct().toList()),
              dp.timeout()));
      default -> throw new IllegalArgumentException(
          "tollgate.data-plane.type '" + dp.type() + "' is not one of "
              + GatewayConfig.DataPlaneSettings.TYPES);
    };
  }
}
