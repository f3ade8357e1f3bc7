package dev.tollgate.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.app.http.Gateway;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.TenantView;
import dev.tollgate.service.AdmissionSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Every part of the server's graph is handed the one clock and randomness the root owns. */
class RootTest {

  private static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
  private static final TenantId ACME = TenantId.of("acme");

  @Test
  void the_server_graph_runs_on_the_roots_clock_and_randomness() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    RandomGenerator random = new SplittableRandom(3);
    try (Closer closer = new Closer()) {
      Injector injector = Root.of(config(), clock, random).server(closer, List.of());
      ServerParts parts = injector.getInstance(ServerParts.class);

      assertThat(parts.clock()).isSameAs(clock);
      assertThat(parts.random()).isSameAs(random);
      assertThat(parts.status().clock()).isSameAs(clock);
      assertThat(injector.getInstance(Gateway.class)).isSameAs(parts.gateway());
      // The configured tenant is registered at start, at the root's now.
      AdminResult<TenantView> acme = parts.admin().tenants().tenant(Actor.platform("test"), ACME);
      assertThat(acme instanceof AdminResult.Done<TenantView> done
          ? done.value().tenant().createdAt() : null).isEqualTo(NOW);
    }
  }

  private static GatewayConfig config() {
    ModelName small = ModelName.of("sim-small");
    return new GatewayConfig(
        new GatewayConfig.Server("127.0.0.1", 0, 256 * 1024, 64L * 1024 * 1024),
        new GatewayConfig.DataPlaneSettings("simulated", Optional.empty(), Duration.ofSeconds(30),
            Duration.ZERO, Duration.ZERO),
        AdmissionSettings.DEFAULTS, List.of(ModelSpec.of(small, 4096)),
        List.of(new PriceVersion(small, Instant.EPOCH,
            TokenPrices.of(PricePerMillion.usd("1.00"), PricePerMillion.usd("2.00")))),
        List.of(new TenantPolicy(ACME, Set.of(), Map.of(), Optional.empty(), Optional.empty())),
        Optional.empty(), Optional.empty(), StoreSettings.memory(), Optional.empty());
  }
}
