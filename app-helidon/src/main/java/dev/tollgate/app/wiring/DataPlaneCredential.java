package dev.tollgate.app.wiring;

import dev.tollgate.app.config.Secret;
import java.util.Optional;

/**
 * The credential the data plane requires of Tollgate: {@code TOLLGATE_DATA_PLANE_API_KEY} when
 * set, else the stored secret {@code data-plane-api-key}, else none.
 */
public record DataPlaneCredential(Optional<Secret> value) {

  /** The stored secret's name. */
  public static final String SECRET_NAME = "data-plane-api-key";
}
