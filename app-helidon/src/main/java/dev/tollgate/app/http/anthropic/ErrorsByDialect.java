package dev.tollgate.app.http.anthropic;

import dev.tollgate.app.http.ApiError;
import dev.tollgate.app.http.ErrorShape;
import dev.tollgate.app.http.Unversioned;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.Set;

/**
 * Errors raised outside a route's handler in the dialect of the request: Anthropic's shape on
 * {@code /v1/messages} and every path under it ({@code /v1/messages/batches}, which Tollgate does
 * not serve, answers an Anthropic 404), on every path under LiteLLM's {@code /anthropic} prefix
 * ({@link Unversioned#ANTHROPIC_PREFIX}), and on any other {@code /v1} path a request carrying
 * {@code anthropic-version} reaches (the dialect {@code GET /v1/models} answers by), except
 * OpenAI's own routes; OpenAI's shape everywhere else. An Anthropic SDK then raises its typed
 * error (a 405 or 404 as {@code invalid_request_error} or {@code not_found_error}, the store
 * down as a 529 it retries) where it would otherwise fail to read the body.
 */
public final class ErrorsByDialect implements ErrorShape {

  static final String MESSAGES = "/v1/messages";
  private static final HeaderName VERSION = HeaderNames.create("anthropic-version");
  /** OpenAI's routes: their errors are OpenAI's whatever headers the client sent. */
  private static final Set<String> OPENAI_ROUTES = Set.of("/v1/chat/completions",
      "/v1/completions", "/v1/embeddings", "/v1/responses", "/v1/rerank", "/v1/score",
      "/v1/key/status");

  @Override
  public Written write(String path, Headers headers, ApiError error) {
    if (!anthropic(path, headers)) {
      return OPENAI.write(path, headers, error);
    }
    AnthropicError shaped = AnthropicError.of(error);
    return new Written(shaped.status(), shaped.body(), shaped.headers());
  }

  /** Whether a request to {@code path} with {@code headers} speaks Anthropic's API. */
  static boolean anthropic(String path, Headers headers) {
    if (path.equals(MESSAGES) || path.startsWith(MESSAGES + "/")
        || path.startsWith(Unversioned.ANTHROPIC_PREFIX + "/")) {
      return true;
    }
    return path.startsWith("/v1/") && headers.contains(VERSION) && !OPENAI_ROUTES.contains(path);
  }
}
