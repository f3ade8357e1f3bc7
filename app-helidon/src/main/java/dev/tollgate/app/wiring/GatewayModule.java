package dev.tollgate.app.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.http.BodyBuffer;
import dev.tollgate.app.http.Gateway;
import dev.tollgate.app.http.RequestIds;
import dev.tollgate.app.http.SessionHeaders;
import dev.tollgate.app.http.TokenCounter;
import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.tenancy.Tenant;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.out.AdminStores;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Administration;
import dev.tollgate.service.Tollgate;
import dev.tollgate.wire.openai.RequestParser;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The engine and the HTTP layer's shared parts. Stores and the data plane come from their own
 * modules ({@link StoresModule}, {@link DataPlaneModule}), each chosen by one setting; the
 * configuration, the clock and the randomness from the composition root ({@link Root}).
 */
public final class GatewayModule extends AbstractModule {

  private final GatewayConfig config;

  public GatewayModule(GatewayConfig config) {
    this.config = config;
  }

  @Provides
  @Singleton
  ObjectMapper mapper() {
    return new ObjectMapper();
  }

  @Provides
  @Singleton
  Tollgate tollgate(Stores stores, Clock clock, RandomGenerator random) {
    Tollgate tollgate = Tollgate.create(stores, clock, random, config.admission());
    for (ModelSpec model : config.models()) {
      tollgate.models().serve(model);
    }
    for (PriceVersion price : config.prices()) {
      if (tollgate.prices().addPrice(price) instanceof AddPriceResult.ConflictsWith conflict) {
        throw new IllegalStateException("configured price of " + price.model()
            + " from " + price.effectiveFrom() + " conflicts with the stored " + conflict.existing()
            + "; prices are never edited: add a version with a later effective-from");
      }
    }
    for (TenantPolicy tenant : config.tenants()) {
      tollgate.models().setTenantPolicy(tenant);
    }
    return tollgate;
  }

  /**
   * The administration use cases. Configured tenants are registered in the directory (named by
   * their id) if they are not there yet; their policies come from configuration at every start.
   */
  @Provides
  @Singleton
  Administration administration(
      Tollgate tollgate, Stores stores, AdminStores admin, Clock clock, RandomGenerator random) {
    for (TenantPolicy tenant : config.tenants()) {
      admin.directory().createTenant(
          new Tenant(tenant.tenant(), tenant.tenant().value(), Map.of(), clock.instant()));
    }
    return Administration.create(stores, admin, clock, random);
  }

  @Provides
  @Singleton
  Gateway gateway(Tollgate tollgate, DataPlane dataPlane, ObjectMapper mapper, Clock clock,
      RandomGenerator random) {
    return new Gateway(
        tollgate,
        dataPlane,
        mapper,
        new RequestParser(mapper, config.admission().maxChoices()),
        new TokenCounter(config.server().limits().maxTokenizedChars(), random),
        new RequestIds(clock, random),
        new BodyBuffer(config.server().limits().maxBufferedBodyBytes(),
            config.server().limits().bufferWait()),
        config.server().maxBodyBytes(),
        config.server().maxResponseBytes(),
        config.dataPlane().timeout())
        .withSessionHeaders(new SessionHeaders(config.server().sessionHeaders()));
  }
}
