package dev.tollgate.domain.pricing;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a served model came from. A configured model is written again from {@code application.yaml}
 * at every start, so it is changed there, not at run time; a model added at run time (admin API,
 * CLI) or imported from LiteLLM lives only in the store and is changed or removed there.
 */
public enum ModelOrigin {
  CONFIGURED,
  RUNTIME,
  IMPORTED;

  /** How the admin API, the CLI and the store spell it: {@code configured}, {@code runtime}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ModelOrigin> fromWire(String value) {
    for (ModelOrigin origin : values()) {
      if (origin.wireName().equals(value)) {
        return Optional.of(origin);
      }
    }
    return Optional.empty();
  }

  /** Whether a run-time change (update, removal) may touch a model of this origin. */
  public boolean changeableAtRunTime() {
    return this != CONFIGURED;
  }
}
