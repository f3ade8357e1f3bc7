package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static dev.tollgate.port.out.contract.Fixtures.price;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.port.out.PriceCatalog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PriceCatalog} promises: add-only versions, the one in force at any instant,
 * idempotent re-adds, and no second version at the same instant.
 */
public abstract class PriceCatalogContract {

  /** A catalog for this test; it may hold other tests' models, never these model names. */
  protected abstract PriceCatalog newCatalog();

  private final Fixtures f = new Fixtures();
  private PriceCatalog catalog;

  @BeforeEach
  void openCatalog() {
    catalog = newCatalog();
  }

  @Test
  void anAddedVersionIsInForceFromItsInstantOn() {
    ModelName model = f.model();
    PriceVersion version = price(model, T0, "0.15", "0.60");

    assertThat(catalog.add(version)).isEqualTo(new AddPriceResult.Added());

    assertThat(catalog.inForceAt(model, T0)).contains(version);
    assertThat(catalog.inForceAt(model, T0.plusSeconds(86_400 * 365))).contains(version);
    assertThat(catalog.inForceAt(model, T0.minusMillis(1))).isEmpty();
    assertThat(catalog.inForceAt(f.model(), T0)).isEmpty();
  }

  @Test
  void theLatestVersionEffectiveByAnInstantIsInForceIncludingAtItsExactStart() {
    ModelName model = f.model();
    PriceVersion first = price(model, T0, "1", "2");
    PriceVersion second = price(model, T0.plusSeconds(3600), "3", "4");
    PriceVersion third = price(model, T0.plusSeconds(7200), "5", "6");
    List.of(third, first, second).forEach(catalog::add);

    assertThat(catalog.inForceAt(model, T0.plusSeconds(3599))).contains(first);
    assertThat(catalog.inForceAt(model, T0.plusSeconds(3600))).contains(second);
    assertThat(catalog.inForceAt(model, T0.plusSeconds(7199))).contains(second);
    assertThat(catalog.inForceAt(model, T0.plusSeconds(7200))).contains(third);
  }

  @Test
  void versionsAreListedOldestFirst() {
    ModelName model = f.model();
    PriceVersion first = price(model, T0, "1", "2");
    PriceVersion second = price(model, T0.plusSeconds(60), "1", "3");
    PriceVersion third = price(model, T0.plusSeconds(120), "1", "4");
    List.of(second, third, first).forEach(catalog::add);

    assertThat(catalog.versions(model)).containsExactly(first, second, third);
    assertThat(catalog.versions(f.model())).isEmpty();
  }

  @Test
  void reAddingTheSameVersionAnswersExists() {
    ModelName model = f.model();
    catalog.add(price(model, T0, "0.15", "0.60"));

    assertThat(catalog.add(price(model, T0, "0.15", "0.60")))
        .isEqualTo(new AddPriceResult.Exists());
    assertThat(catalog.versions(model)).hasSize(1);
  }

  @Test
  void anotherPriceAtTheSameInstantConflictsAndChangesNothing() {
    ModelName model = f.model();
    PriceVersion existing = price(model, T0, "0.15", "0.60");
    catalog.add(existing);
    PriceVersion rival = price(model, T0, "0.15", "0.61");

    assertThat(catalog.add(rival)).isEqualTo(new AddPriceResult.ConflictsWith(existing));

    assertThat(catalog.versions(model)).containsExactly(existing);
    assertThat(catalog.inForceAt(model, T0)).contains(existing);
  }

  @Test
  void everyPricePartAndTheRequestFeeAreKept() {
    ModelName model = f.model();
    TokenPrices full =
        new TokenPrices(
            PricePerMillion.usd("2.5"),
            PricePerMillion.usd("1.25"),
            PricePerMillion.usd("3.125"),
            PricePerMillion.usd("10"),
            Optional.of(PricePerMillion.usd("12.000000001")),
            Money.ofNanoUsd(7),
            PricePerMillion.usd("5"),
            Money.usd("0.000100001"));
    PriceVersion version = new PriceVersion(model, T0, full);
    PriceVersion withoutReasoning = price(model, T0.plusSeconds(1), "2.5", "10");

    catalog.add(version);
    catalog.add(withoutReasoning);

    assertThat(catalog.versions(model)).containsExactly(version, withoutReasoning);
  }

  @Test
  void modelsListsEveryModelWithAVersion() {
    ModelName a = f.model();
    ModelName b = f.model();
    catalog.add(price(a, T0, "1", "1"));
    catalog.add(price(a, T0.plusSeconds(1), "2", "2"));
    catalog.add(price(b, T0, "1", "1"));

    assertThat(catalog.models()).contains(a, b).doesNotContain(f.model());
  }
}
