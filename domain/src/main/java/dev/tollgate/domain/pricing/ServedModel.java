package dev.tollgate.domain.pricing;

import java.time.Instant;

/**
 * A model in the platform's catalog with when it was first added: what {@code /v1/models}
 * reports as {@code created}. Replacing a model's spec keeps when it was added.
 */
public record ServedModel(ModelSpec spec, Instant addedAt) {

  public ServedModel {
    if (spec == null || addedAt == null) {
      throw new IllegalArgumentException("spec and addedAt are required");
    }
  }

  public ModelName name() {
    return spec.name();
  }
}
