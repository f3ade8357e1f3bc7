package dev.tollgate.domain.pricing;

/** The name a model is priced and routed under, e.g. {@code gpt-4o-mini}. */
public record ModelName(String value) {

  public static final int MAX_LENGTH = 256;

  public ModelName {
    if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("model name must be 1.." + MAX_LENGTH + " characters");
    }
  }

  public static ModelName of(String value) {
    return new ModelName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
