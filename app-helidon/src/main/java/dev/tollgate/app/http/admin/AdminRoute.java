package dev.tollgate.app.http.admin;

import dev.tollgate.app.http.Bodies;

/** One admin route: method, path template (Helidon's {@code {name}} parameters) and handler. */
record AdminRoute(String method, String path, Handler handler) {

  /** A model's name may hold '/': its parameter takes the rest of the path. */
  private static final String MODEL = "{model}";

  /** The path as Helidon matches it: {@code {model}} spans segments ({@code {+model}}). */
  String pattern() {
    return path.replace(MODEL, "{+model}");
  }

  @FunctionalInterface
  interface Handler {
    void handle(AdminCall call) throws Bodies.TooLarge;
  }

  static AdminRoute get(String path, Handler h) {
    return new AdminRoute("GET", path, h);
  }

  static AdminRoute post(String path, Handler h) {
    return new AdminRoute("POST", path, h);
  }

  static AdminRoute patch(String path, Handler h) {
    return new AdminRoute("PATCH", path, h);
  }

  static AdminRoute put(String path, Handler h) {
    return new AdminRoute("PUT", path, h);
  }

  static AdminRoute delete(String path, Handler h) {
    return new AdminRoute("DELETE", path, h);
  }
}
