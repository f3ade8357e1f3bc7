package dev.tollgate.domain.pricing;

import java.time.Instant;

/**
 * A model in the platform's catalog with when it was first added (what {@code /v1/models} reports
 * as {@code created}) and where it came from. Replacing a model's spec keeps when it was added.
 */
public record ServedModel(ModelSpec spec, Instant addedAt, ModelOrigin origin) {

  public ServedModel {
    if (spec == null || addedAt == null || origin == null) {
      throw new IllegalArgumentException("spec, addedAt and origin are required");
    }
  }

  public ModelName name() {
    return spec.name();
  }

  public ServedModel withSpec(ModelSpec newSpec) {
    return new ServedModel(newSpec, addedAt, origin);
  }
}
