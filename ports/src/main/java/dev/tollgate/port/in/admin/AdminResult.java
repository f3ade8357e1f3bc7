package dev.tollgate.port.in.admin;

/** What an administrative call did, as a value the HTTP layer and the CLI map in one place each. */
public sealed interface AdminResult<T> {

  record Done<T>(T value) implements AdminResult<T> {}

  /** No such object, or one the actor may not see (the two are indistinguishable on purpose). */
  record NotFound<T>(String what) implements AdminResult<T> {}

  /** The object exists already, or its state forbids the change. */
  record Conflict<T>(String message) implements AdminResult<T> {}

  /** A field names something that does not exist or may not be used. */
  record Invalid<T>(String field, String message) implements AdminResult<T> {}

  /** Only the platform administrator may do this. */
  record Forbidden<T>(String message) implements AdminResult<T> {}

  static <T> AdminResult<T> done(T value) {
    return new Done<>(value);
  }

  static <T> AdminResult<T> notFound(String what) {
    return new NotFound<>(what);
  }

  /** The same refusal for another value type. */
  @SuppressWarnings("unchecked")
  default <U> AdminResult<U> refusal() {
    if (this instanceof Done<T>) {
      throw new IllegalStateException("not a refusal");
    }
    return (AdminResult<U>) this;
  }
}
