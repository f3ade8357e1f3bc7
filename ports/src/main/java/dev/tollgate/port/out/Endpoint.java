package dev.tollgate.port.out;

/** The OpenAI-compatible operations Tollgate forwards, with their paths on the data plane. */
public enum Endpoint {
  CHAT_COMPLETIONS("/v1/chat/completions"),
  COMPLETIONS("/v1/completions"),
  EMBEDDINGS("/v1/embeddings"),
  RESPONSES("/v1/responses");

  private final String path;

  Endpoint(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }
}
