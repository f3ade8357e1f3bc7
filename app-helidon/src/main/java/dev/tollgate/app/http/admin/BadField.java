package dev.tollgate.app.http.admin;

/** A client's field is missing, unknown, of the wrong type or out of bounds: a 400 naming it. */
final class BadField extends RuntimeException {

  private final String param;

  BadField(String param, String message) {
    super(message, null, false, false);
    this.param = param;
  }

  String param() {
    return param;
  }
}
