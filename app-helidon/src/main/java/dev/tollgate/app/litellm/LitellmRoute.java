package dev.tollgate.app.litellm;

import dev.tollgate.app.http.Bodies;

/** One LiteLLM management route: method, LiteLLM's path, handler. */
record LitellmRoute(String method, String path, Handler handler) {

  @FunctionalInterface
  interface Handler {
    void handle(LitellmCall call) throws Bodies.TooLarge;
  }

  static LitellmRoute get(String path, Handler h) {
    return new LitellmRoute("GET", path, h);
  }

  static LitellmRoute post(String path, Handler h) {
    return new LitellmRoute("POST", path, h);
  }
}
