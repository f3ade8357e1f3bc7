package dev.tollgate.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.domain.pricing.ServedModel;
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
    catalog.put(spec, T0);

    assertThat(catalog.find(name("a"))).contains(spec);
    assertThat(catalog.find(name("missing"))).isEmpty();
  }

  @Test
  void putting_a_model_again_replaces_it() {
    ModelCatalog catalog = newCatalog();
    catalog.put(ModelSpec.of(name("a"), 100), T0);
    catalog.put(ModelSpec.of(name("a"), 200), T0);

    assertThat(catalog.find(name("a")).orElseThrow().maxOutputTokens()).isEqualTo(200);
  }

  @Test
  void all_lists_every_model_ordered_by_name() {
    ModelCatalog catalog = newCatalog();
    catalog.put(ModelSpec.of(name("b"), 1), T0);
    catalog.put(ModelSpec.of(name("a"), 1), T0);

    assertThat(catalog.all().stream().map(m -> m.name()).filter(n -> n.value().startsWith(prefix)))
        .containsExactly(name("a"), name("b"));
  }

  @Test
  void a_model_keeps_when_it_was_first_added_when_it_is_replaced() {
    ModelCatalog catalog = newCatalog();
    catalog.put(ModelSpec.of(name("a"), 100), T0);
    catalog.put(ModelSpec.of(name("b"), 100), T1);
    catalog.put(ModelSpec.of(name("a"), 200), T1);

    assertThat(catalog.served().stream().filter(m -> m.name().value().startsWith(prefix)))
        .containsExactly(new ServedModel(ModelSpec.of(name("a"), 200), T0),
            new ServedModel(ModelSpec.of(name("b"), 100), T1));
  }
}
