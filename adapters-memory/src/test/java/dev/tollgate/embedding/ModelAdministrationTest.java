package dev.tollgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelOrigin;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageModels;
import dev.tollgate.port.in.admin.ManageModels.AddModel;
import dev.tollgate.port.in.admin.ManageModels.ModelChange;
import dev.tollgate.port.in.admin.ManageModels.ModelEntry;
import dev.tollgate.port.out.AdminStores;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Administration;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Models at run time through the use case: who may change what, prices as versions, audit. */
class ModelAdministrationTest {

  private static final Actor PLATFORM = Actor.platform("ops");
  private static final TenantId A = TenantId.of("a");
  private static final Actor A_ADMIN = Actor.tenantAdmin(A, "key_a");
  private static final ModelName CONFIGURED = ModelName.of("gpt-4o");
  private static final ModelName NEW = ModelName.of("meta-llama/Llama-3.1-8B");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
  private Stores stores;
  private AdminStores adminStores;
  private ManageModels models;

  @BeforeEach
  void setUp() {
    stores = InMemoryStores.create();
    adminStores = InMemoryStores.admin();
    stores.models().seed(ModelSpec.of(CONFIGURED, 100), Instant.EPOCH);
    stores.tenants().put(new TenantPolicy(A, Set.of(NEW), Map.of(), Optional.empty(),
        Optional.empty()));
    models = Administration.create(stores, adminStores, clock, new SecureRandom()).models();
  }

  private static TokenPrices prices(String in, String out) {
    return TokenPrices.of(PricePerMillion.usd(in), PricePerMillion.usd(out));
  }

  private static <T> T done(AdminResult<T> r) {
    assertThat(r).isInstanceOf(AdminResult.Done.class);
    return ((AdminResult.Done<T>) r).value();
  }

  @Test
  void an_added_model_is_served_with_its_price_and_audited() {
    ModelEntry added = done(models.addModel(PLATFORM, new AddModel(
        new ModelSpec(NEW, ModelName.of("llama-3.1-8b"), 2048), Optional.of(prices("1", "2")))));

    assertThat(added.model().origin()).isEqualTo(ModelOrigin.RUNTIME);
    assertThat(added.price().orElseThrow().prices()).isEqualTo(prices("1", "2"));
    assertThat(stores.models().find(NEW).orElseThrow().maxOutputTokens()).isEqualTo(2048);
    assertThat(stores.prices().versions(NEW)).hasSize(1);
    assertThat(audit()).extracting(AuditEntry::action).containsExactlyInAnyOrder("price.add", "model.add");
    assertThat(models.addModel(PLATFORM, new AddModel(ModelSpec.of(NEW, 1), Optional.empty())))
        .isInstanceOf(AdminResult.Conflict.class);
  }

  @Test
  void an_update_changes_the_fields_given_and_a_price_is_a_new_version() {
    models.addModel(PLATFORM, new AddModel(ModelSpec.of(NEW, 100), Optional.of(prices("1", "2"))));
    clock.now = clock.now.plusSeconds(60);

    ModelEntry updated = done(models.updateModel(PLATFORM, new ModelChange(NEW, Optional.empty(),
        OptionalLong.of(500), Optional.of(prices("3", "4")))));

    assertThat(updated.model().spec()).isEqualTo(ModelSpec.of(NEW, 500));
    assertThat(updated.price().orElseThrow().prices()).isEqualTo(prices("3", "4"));
    assertThat(stores.prices().versions(NEW)).hasSize(2);
    assertThat(audit()).extracting(AuditEntry::action).containsExactlyInAnyOrder(
        "price.add", "model.update", "price.add", "model.add");
  }

  @Test
  void a_removed_model_is_gone_and_its_prices_stay() {
    models.addModel(PLATFORM, new AddModel(ModelSpec.of(NEW, 100), Optional.of(prices("1", "2"))));

    assertThat(done(models.removeModel(PLATFORM, NEW)).model().name()).isEqualTo(NEW);
    assertThat(stores.models().find(NEW)).isEmpty();
    assertThat(stores.prices().versions(NEW)).hasSize(1);
    assertThat(models.removeModel(PLATFORM, NEW)).isInstanceOf(AdminResult.NotFound.class);
    assertThat(audit().get(0).action()).isEqualTo("model.remove");
  }

  @Test
  void a_configured_model_is_changed_in_configuration_but_may_get_a_new_price() {
    assertThat(models.removeModel(PLATFORM, CONFIGURED)).isInstanceOf(AdminResult.Conflict.class);
    assertThat(models.updateModel(PLATFORM, new ModelChange(CONFIGURED, Optional.empty(),
        OptionalLong.of(5), Optional.empty()))).isInstanceOf(AdminResult.Conflict.class);

    done(models.updateModel(PLATFORM, new ModelChange(CONFIGURED, Optional.empty(),
        OptionalLong.empty(), Optional.of(prices("1", "1")))));
    assertThat(stores.prices().versions(CONFIGURED)).hasSize(1);
    assertThat(stores.models().find(CONFIGURED).orElseThrow().maxOutputTokens()).isEqualTo(100);
  }

  @Test
  void a_tenant_admin_lists_what_its_tenant_may_use_and_changes_nothing() {
    models.addModel(PLATFORM, new AddModel(ModelSpec.of(NEW, 100), Optional.empty()));

    assertThat(done(models.models(A_ADMIN, Optional.empty())))
        .extracting(e -> e.model().name()).containsExactly(NEW);
    assertThat(done(models.models(PLATFORM, Optional.of(A))))
        .extracting(e -> e.model().name()).containsExactly(NEW);
    assertThat(done(models.models(PLATFORM, Optional.empty()))).hasSize(2);
    assertThat(models.models(A_ADMIN, Optional.of(TenantId.of("b"))))
        .isInstanceOf(AdminResult.NotFound.class);
    assertThat(models.model(A_ADMIN, CONFIGURED)).isInstanceOf(AdminResult.NotFound.class);
    assertThat(models.addModel(A_ADMIN, new AddModel(ModelSpec.of(ModelName.of("x"), 1),
        Optional.empty()))).isInstanceOf(AdminResult.Forbidden.class);
    assertThat(models.removeModel(A_ADMIN, NEW)).isInstanceOf(AdminResult.Forbidden.class);
    assertThat(stores.models().find(NEW)).isPresent();
  }

  @Test
  void a_name_that_is_not_path_safe_is_invalid() {
    for (String bad : List.of("has space", "/lead", "trail/", "a//b", "a/../b", "tab\there", "é")) {
      assertThat(models.addModel(PLATFORM, new AddModel(ModelSpec.of(ModelName.of(bad), 1),
          Optional.empty()))).as(bad).isInstanceOf(AdminResult.Invalid.class);
    }
    assertThat(stores.models().all()).hasSize(1);
  }

  private List<AuditEntry> audit() {
    return adminStores.audit().list(Optional.empty(), Optional.empty(), 100);
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
