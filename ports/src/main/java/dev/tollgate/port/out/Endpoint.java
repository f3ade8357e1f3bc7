package dev.tollgate.port.out;

/**
 * The operations Tollgate forwards, with their paths on the data plane: OpenAI's; the rerank and
 * score APIs vLLM serves for its cross-encoder models ({@link #RERANK}: Jina's and Cohere's
 * request shape; {@link #SCORE}: vLLM's own; OpenAI's usage object); and Anthropic's Messages API ({@link #MESSAGES},
 * {@link #MESSAGES_COUNT_TOKENS}), whose bodies and usage have Anthropic's shape; and OpenAI's
 * audio transcriptions and translations ({@link #isAudio}), whose bodies are multipart forms.
 */
public enum Endpoint {
  CHAT_COMPLETIONS("/v1/chat/completions"),
  COMPLETIONS("/v1/completions"),
  EMBEDDINGS("/v1/embeddings"),
  RESPONSES("/v1/responses"),
  RERANK("/v1/rerank"),
  SCORE("/v1/score"),
  MESSAGES("/v1/messages"),
  MESSAGES_COUNT_TOKENS("/v1/messages/count_tokens"),
  AUDIO_TRANSCRIPTIONS("/v1/audio/transcriptions"),
  AUDIO_TRANSLATIONS("/v1/audio/translations");

  private final String path;

  Endpoint(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  /**
   * A pooling model's operation, as vLLM names them (embeddings, rerank, score): it reads its
   * input and writes no tokens, so it has no output bound and is never streamed.
   */
  public boolean isPooling() {
    return this == EMBEDDINGS || this == RERANK || this == SCORE;
  }

  /**
   * Speech to text (Whisper's family, on vLLM or a provider): a multipart form with the audio file,
   * priced by the second of audio or by tokens.
   */
  public boolean isAudio() {
    return this == AUDIO_TRANSCRIPTIONS || this == AUDIO_TRANSLATIONS;
  }

  /** Anthropic's Messages API rather than one of OpenAI's. */
  public boolean isAnthropic() {
    return this == MESSAGES || this == MESSAGES_COUNT_TOKENS;
  }
}
