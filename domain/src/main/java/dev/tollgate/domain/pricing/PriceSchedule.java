package dev.tollgate.domain.pricing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every price version of one model, in order. A request is priced with the version in force when
 * it started: the latest whose effective-from is not after the start.
 */
public final class PriceSchedule {

  private final ModelName model;
  private final List<PriceVersion> versions;

  private PriceSchedule(ModelName model, List<PriceVersion> ascending) {
    this.model = model;
    this.versions = ascending;
  }

  public static PriceSchedule of(ModelName model, List<PriceVersion> versions) {
    List<PriceVersion> sorted = new ArrayList<>(versions);
    for (PriceVersion v : sorted) {
      if (!v.model().equals(model)) {
        throw new IllegalArgumentException("version for " + v.model() + " in schedule of " + model);
      }
    }
    sorted.sort(Comparator.comparing(PriceVersion::effectiveFrom));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).effectiveFrom().equals(sorted.get(i - 1).effectiveFrom())) {
        throw new IllegalArgumentException("two versions of " + model + " start at the same instant");
      }
    }
    return new PriceSchedule(model, Collections.unmodifiableList(sorted));
  }

  public ModelName model() {
    return model;
  }

  public List<PriceVersion> versions() {
    return versions;
  }

  public Optional<PriceVersion> inForceAt(Instant instant) {
    for (int i = versions.size() - 1; i >= 0; i--) {
      PriceVersion v = versions.get(i);
      if (!v.effectiveFrom().isAfter(instant)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** A new schedule with one more version; a version at an existing instant is refused. */
  public PriceSchedule with(PriceVersion version) {
    List<PriceVersion> next = new ArrayList<>(versions);
    next.add(version);
    return of(model, next);
  }
}
