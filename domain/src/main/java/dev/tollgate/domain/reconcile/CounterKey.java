package dev.tollgate.domain.reconcile;

/** One series of a data plane's token counter: a model (as the data plane names it) and a type. */
public record CounterKey(String model, TokenType type) {

  public static final int MAX_MODEL_LENGTH = 256;

  public CounterKey {
    if (model == null || type == null || model.isEmpty() || model.length() > MAX_MODEL_LENGTH) {
      throw new IllegalArgumentException("a counter key has a model of 1.." + MAX_MODEL_LENGTH
          + " characters and a type");
    }
  }
}
