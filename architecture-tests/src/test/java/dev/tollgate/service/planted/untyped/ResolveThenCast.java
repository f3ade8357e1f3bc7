package dev.tollgate.service.planted.untyped;

/**
 * Planted: a service step that answers a refusal or a resolution as Object and casts it
 * (NO_OBJECT_RESULTS_IN_USE_CASES).
 */
public final class ResolveThenCast {

  public String admit(String key) {
    Object resolved = resolve(key);
    return resolved instanceof Integer refused ? "refused " + refused : (String) resolved;
  }

  private Object resolve(String key) {
    return key.isEmpty() ? Integer.valueOf(401) : key;
  }
}
