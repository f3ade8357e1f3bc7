package dev.tollgate.port.out.contract;

import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.Endpoint;

/**
 * A way a data plane reports usage on the wire, as the recorded fixtures show it. Each shape renders
 * an {@link EconomicEvent} the way that data plane would: the same event, different numbers. A
 * data-plane adapter declares the shapes its data plane emits, and the contract checks that each
 * one normalizes back to the same {@link TokenUsage}.
 */
public enum UsageShape {

  /**
   * OpenAI and every OpenAI-compatible backend passed through (vLLM behind an inference pool, the
   * simulator): {@code prompt_tokens} includes cache reads ({@code cached_tokens}) and writes
   * ({@code cache_write_tokens}); {@code completion_tokens} includes reasoning. Seen in agentgateway
   * completions__basic / __cache_write / __stream and every Envoy chat cassette.
   */
  OPENAI(Endpoint.CHAT_COMPLETIONS) {
    @Override
    public String usageJson(TokenUsage u) {
      return "{\"prompt_tokens\":" + u.promptTokens() + ",\"completion_tokens\":"
          + u.completionTokens() + ",\"total_tokens\":" + u.totalTokens()
          + ",\"prompt_tokens_details\":{\"cached_tokens\":" + u.cachedInputTokens()
          + ",\"audio_tokens\":0" + writeField("cache_write_tokens", u) + "}"
          + ",\"completion_tokens_details\":{\"reasoning_tokens\":" + u.reasoningTokens()
          + ",\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
          + "\"rejected_prediction_tokens\":0}}";
    }
  },

  /** Gemini's OpenAI endpoint: plain counts and a {@code total_tokens} that is not their sum. */
  OPENAI_WRONG_TOTAL(Endpoint.CHAT_COMPLETIONS) {
    @Override
    public boolean canExpress(EconomicEvent event) {
      return !event.hasCache() && !event.hasReasoning();
    }

    @Override
    public String usageJson(TokenUsage u) {
      // agentgateway completions__gemini_with_completion_tokens: 7 + 12 reported as 402.
      return "{\"prompt_tokens\":" + u.promptTokens() + ",\"completion_tokens\":"
          + u.completionTokens() + ",\"total_tokens\":" + (u.totalTokens() + 383) + "}";
    }
  },

  /**
   * Sparse OpenAI-compatible usage: OpenRouter's {@code "prompt_tokens_details": null}
   * (agentgateway completions__openrouter_reasoning) and a reasoning count with no prompt details
   * (agentgateway vertex-gemini__reasoning: completion 17 = 12 visible + 5 thoughts).
   */
  OPENAI_SPARSE(Endpoint.CHAT_COMPLETIONS) {
    @Override
    public boolean canExpress(EconomicEvent event) {
      return !event.hasCache();
    }

    @Override
    public String usageJson(TokenUsage u) {
      String reasoning = u.reasoningTokens() == 0 ? ""
          : ",\"completion_tokens_details\":{\"reasoning_tokens\":" + u.reasoningTokens() + "}";
      return "{\"prompt_tokens\":" + u.promptTokens() + ",\"completion_tokens\":"
          + u.completionTokens() + ",\"total_tokens\":" + u.totalTokens()
          + ",\"prompt_tokens_details\":null" + reasoning + "}";
    }
  },

  /**
   * agentgateway's translation of Anthropic and Bedrock: {@code prompt_tokens} is the fresh input
   * only, the cache parts sit beside it in the details and again as Anthropic's top-level
   * {@code cache_read_input_tokens} / {@code cache_creation_input_tokens}; no reasoning split is
   * emitted. In a stream the usage rides on the finish_reason chunk (anthropic__basic,
   * bedrock__cache_write, anthropic__stream_basic).
   */
  TRANSLATED_CACHE_EXCLUSIVE(Endpoint.CHAT_COMPLETIONS) {
    @Override
    public boolean canExpress(EconomicEvent event) {
      return !event.hasReasoning();
    }

    @Override
    public String usageJson(TokenUsage u) {
      return "{\"prompt_tokens\":" + u.inputTokens() + ",\"completion_tokens\":"
          + u.outputTokens() + ",\"total_tokens\":" + (u.inputTokens() + u.outputTokens())
          + ",\"prompt_tokens_details\":{\"cached_tokens\":" + u.cachedInputTokens()
          + ",\"cache_write_tokens\":" + u.cacheWriteInputTokens() + "}"
          + ",\"cache_read_input_tokens\":" + u.cachedInputTokens()
          + ",\"cache_creation_input_tokens\":" + u.cacheWriteInputTokens() + "}";
    }

    @Override
    boolean usageOnFinishChunk() {
      return true;
    }
  },

  /**
   * Envoy AI Gateway's translation of Anthropic and Bedrock: {@code prompt_tokens} is fresh input
   * plus cache reads plus cache writes; the writes are {@code cache_creation_input_tokens} inside
   * {@code prompt_tokens_details}; zero details are omitted (Go's {@code omitzero}). Source:
   * envoyproxy/ai-gateway internal/apischema/openai/openai.go (PromptTokensDetails) and
   * internal/translator/anthropic_helper.go (the stream's final usage chunk).
   */
  TRANSLATED_CACHE_INCLUSIVE(Endpoint.CHAT_COMPLETIONS) {
    @Override
    public String usageJson(TokenUsage u) {
      String details = join(field("cached_tokens", u.cachedInputTokens()),
          field("cache_creation_input_tokens", u.cacheWriteInputTokens()));
      return "{\"prompt_tokens\":" + u.promptTokens() + ",\"completion_tokens\":"
          + u.completionTokens() + ",\"total_tokens\":" + u.totalTokens()
          + ",\"prompt_tokens_details\":{" + details + "}"
          + ",\"completion_tokens_details\":{" + field("reasoning_tokens", u.reasoningTokens())
          + "}}";
    }
  },

  /** Legacy {@code /v1/completions}: the three counts only (Envoy completion-streaming-usage). */
  LEGACY_COMPLETIONS(Endpoint.COMPLETIONS) {
    @Override
    public boolean canExpress(EconomicEvent event) {
      return !event.hasCache() && !event.hasReasoning();
    }

    @Override
    public String usageJson(TokenUsage u) {
      return "{\"prompt_tokens\":" + u.promptTokens() + ",\"completion_tokens\":"
          + u.completionTokens() + ",\"total_tokens\":" + u.totalTokens() + "}";
    }
  },

  /** {@code /v1/embeddings}: prompt and total only. */
  EMBEDDINGS(Endpoint.EMBEDDINGS) {
    @Override
    public String usageJson(TokenUsage u) {
      return "{\"prompt_tokens\":" + u.promptTokens() + ",\"total_tokens\":" + u.promptTokens()
          + "}";
    }
  },

  /**
   * vLLM's {@code /v1/rerank}: {@code total_tokens} alone, every one of them read (vLLM's
   * {@code RerankUsage}), passed through by a data plane as the backend sent it.
   */
  RERANK(Endpoint.RERANK) {
    @Override
    public String usageJson(TokenUsage u) {
      return "{\"total_tokens\":" + u.promptTokens() + "}";
    }
  },

  /**
   * vLLM's {@code /v1/score}: its {@code UsageInfo}, every token read ({@code prompt_tokens} and
   * {@code total_tokens} equal, {@code completion_tokens} 0).
   */
  SCORE(Endpoint.SCORE) {
    @Override
    public String usageJson(TokenUsage u) {
      return "{\"prompt_tokens\":" + u.promptTokens() + ",\"total_tokens\":" + u.promptTokens()
          + ",\"completion_tokens\":0,\"prompt_tokens_details\":null}";
    }
  },

  /** The Responses API: input/output naming, inclusive like OpenAI's chat usage. */
  RESPONSES(Endpoint.RESPONSES) {
    @Override
    public String usageJson(TokenUsage u) {
      return "{\"input_tokens\":" + u.promptTokens() + ",\"input_tokens_details\":{"
          + "\"cached_tokens\":" + u.cachedInputTokens() + writeField("cache_write_tokens", u)
          + "},\"output_tokens\":" + u.completionTokens() + ",\"output_tokens_details\":{"
          + "\"reasoning_tokens\":" + u.reasoningTokens() + "},\"total_tokens\":"
          + u.totalTokens() + "}";
    }
  };

  private final Endpoint endpoint;

  UsageShape(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** The operation whose responses carry this shape. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /**
   * Whether this shape has fields for every part of the event: a pooling operation's
   * ({@link Endpoint#isPooling}) only for input alone.
   */
  public boolean canExpress(EconomicEvent event) {
    return !endpoint.isPooling() || event.isInputOnly();
  }

  /** The {@code usage} object this data plane would send for the event. */
  public abstract String usageJson(TokenUsage usage);

  /** True if a stream carries the usage on its finish_reason chunk, not on a chunk of its own. */
  boolean usageOnFinishChunk() {
    return false;
  }

  /** A whole non-streamed response body carrying the event. */
  public String body(TokenUsage usage) {
    return Bodies.json(endpoint, usageJson(usage));
  }

  /** A whole event stream carrying the event, ending with {@code [DONE]}. */
  public String stream(TokenUsage usage) {
    return Bodies.stream(endpoint, usageJson(usage), usageOnFinishChunk());
  }

  /** Whether the endpoint streams at all (a pooling operation does not). */
  public boolean streams() {
    return !endpoint.isPooling();
  }

  private static String writeField(String name, TokenUsage u) {
    return u.cacheWriteInputTokens() > 0 ? ",\"" + name + "\":" + u.cacheWriteInputTokens() : "";
  }

  private static String field(String name, long value) {
    return value == 0 ? "" : "\"" + name + "\":" + value;
  }

  private static String join(String a, String b) {
    return a.isEmpty() || b.isEmpty() ? a + b : a + "," + b;
  }
}
