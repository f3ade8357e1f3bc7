package dev.tollgate.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.port.out.ModelCatalog;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ModelCatalog} does. */
public abstract class ModelCatalogContract {

  protected abstract ModelCatalog newCatalog();

  private final String prefix = "m-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  private ModelName name(String suffix) {
    return ModelName.of(prefix + suffix);
  }

  @Test
  void a_served_model_is_found_by_name_with_its_upstream_name_and_cap() {
    ModelCatalog catalog = newCatalog();
    ModelSpec spec = new ModelSpec(name("a"), ModelName.of("org/upstream-a"), 2048);
    catalog.put(spec);

    assertThat(catalog.find(name("a"))).contains(spec);
    assertThat(catalog.find(name("missing"))).isEmpty();
  }

  @Test
  void putting_a_model_again_replaces_it() {
    ModelCatalog catalog = newCatalog();
    catalog.put(ModelSpec.of(name("a"), 100));
    catalog.put(ModelSpec.of(name("a"), 200));

    assertThat(catalog.find(name("a")).orElseThrow().maxOutputTokens()).isEqualTo(200);
  }

  @Test
  void all_lists_every_model_ordered_by_name() {
    ModelCatalog catalog = newCatalog();
    catalog.put(ModelSpec.of(name("b"), 1));
    catalog.put(ModelSpec.of(name("a"), 1));

    assertThat(catalog.all().stream().map(m -> m.name()).filter(n -> n.value().startsWith(prefix)))
        .containsExactly(name("a"), name("b"));
  }
}
