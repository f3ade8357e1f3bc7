package dev.tollgate.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelOrigin;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.ServedModel;
import dev.tollgate.port.out.ModelCatalog;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ModelCatalog} does. */
public abstract class ModelCatalogContract {

  protected abstract ModelCatalog newCatalog();

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-04-01T10:00:00Z");

  private final String prefix = "m-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  private ModelName name(String suffix) {
    return ModelName.of(prefix + suffix);
  }

  @Test
  void a_served_model_is_found_by_name_with_its_upstream_name_and_cap() {
    ModelCatalog catalog = newCatalog();
    ModelSpec spec = new ModelSpec(name("a"), ModelName.of("org/upstream-a"), 2048);
    catalog.seed(spec, T0);

    assertThat(catalog.find(name("a"))).contains(spec);
    assertThat(catalog.find(name("missing"))).isEmpty();
    assertThat(catalog.model(name("a"))).contains(new ServedModel(spec, T0, ModelOrigin.CONFIGURED));
  }

  @Test
  void seeding_a_model_again_replaces_it() {
    ModelCatalog catalog = newCatalog();
    catalog.seed(ModelSpec.of(name("a"), 100), T0);
    catalog.seed(ModelSpec.of(name("a"), 200), T0);

    assertThat(catalog.find(name("a")).orElseThrow().maxOutputTokens()).isEqualTo(200);
  }

  @Test
  void all_lists_every_model_ordered_by_name() {
    ModelCatalog catalog = newCatalog();
    catalog.seed(ModelSpec.of(name("b"), 1), T0);
    catalog.add(ModelSpec.of(name("a"), 1), ModelOrigin.RUNTIME, T0);

    assertThat(catalog.all().stream().map(m -> m.name()).filter(n -> n.value().startsWith(prefix)))
        .containsExactly(name("a"), name("b"));
  }

  @Test
  void a_model_keeps_when_it_was_first_added_when_it_is_replaced() {
    ModelCatalog catalog = newCatalog();
    catalog.seed(ModelSpec.of(name("a"), 100), T0);
    catalog.seed(ModelSpec.of(name("b"), 100), T1);
    catalog.seed(ModelSpec.of(name("a"), 200), T1);

    assertThat(catalog.served().stream().filter(m -> m.name().value().startsWith(prefix)))
        .containsExactly(
            new ServedModel(ModelSpec.of(name("a"), 200), T0, ModelOrigin.CONFIGURED),
            new ServedModel(ModelSpec.of(name("b"), 100), T1, ModelOrigin.CONFIGURED));
  }

  @Test
  void an_added_model_keeps_its_origin_and_a_name_is_added_once() {
    ModelCatalog catalog = newCatalog();
    ModelSpec spec = new ModelSpec(name("org/Model-1"), ModelName.of("upstream-1"), 512);

    assertThat(catalog.add(spec, ModelOrigin.RUNTIME, T0)).isTrue();
    assertThat(catalog.add(ModelSpec.of(name("org/Model-1"), 9), ModelOrigin.IMPORTED, T1)).isFalse();

    assertThat(catalog.model(name("org/Model-1")))
        .contains(new ServedModel(spec, T0, ModelOrigin.RUNTIME));
    assertThat(catalog.add(ModelSpec.of(name("i"), 9), ModelOrigin.IMPORTED, T1)).isTrue();
    assertThat(catalog.model(name("i")).orElseThrow().origin()).isEqualTo(ModelOrigin.IMPORTED);
  }

  @Test
  void an_update_replaces_the_spec_and_keeps_origin_and_added_at() {
    ModelCatalog catalog = newCatalog();
    catalog.add(ModelSpec.of(name("a"), 100), ModelOrigin.RUNTIME, T0);
    ModelSpec changed = new ModelSpec(name("a"), ModelName.of("other-upstream"), 300);

    assertThat(catalog.update(changed)).contains(new ServedModel(changed, T0, ModelOrigin.RUNTIME));
    assertThat(catalog.find(name("a"))).contains(changed);
    assertThat(catalog.update(ModelSpec.of(name("missing"), 1))).isEmpty();
    assertThat(catalog.find(name("missing"))).isEmpty();
  }

  @Test
  void seeding_a_runtime_model_makes_it_configured() {
    ModelCatalog catalog = newCatalog();
    catalog.add(ModelSpec.of(name("a"), 100), ModelOrigin.RUNTIME, T0);
    catalog.seed(ModelSpec.of(name("a"), 200), T1);

    assertThat(catalog.model(name("a")))
        .contains(new ServedModel(ModelSpec.of(name("a"), 200), T0, ModelOrigin.CONFIGURED));
  }

  @Test
  void a_removed_model_is_no_longer_served_and_may_be_added_again() {
    ModelCatalog catalog = newCatalog();
    catalog.add(ModelSpec.of(name("a"), 100), ModelOrigin.RUNTIME, T0);
    catalog.seed(ModelSpec.of(name("b"), 100), T0);

    assertThat(catalog.remove(name("a")))
        .contains(new ServedModel(ModelSpec.of(name("a"), 100), T0, ModelOrigin.RUNTIME));
    assertThat(catalog.remove(name("a"))).isEmpty();
    assertThat(catalog.find(name("a"))).isEmpty();
    assertThat(catalog.served().stream().map(ServedModel::name)).doesNotContain(name("a"))
        .contains(name("b"));

    assertThat(catalog.add(ModelSpec.of(name("a"), 7), ModelOrigin.RUNTIME, T1)).isTrue();
    assertThat(catalog.model(name("a")).orElseThrow().addedAt()).isEqualTo(T1);
  }
}
