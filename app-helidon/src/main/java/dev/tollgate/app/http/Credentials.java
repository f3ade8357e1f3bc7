package dev.tollgate.app.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * Where a client's key comes from: {@code Authorization: Bearer …}, else {@code x-api-key}
 * (Anthropic's), else {@code api-key} (Azure OpenAI's). An {@code Authorization} of another scheme
 * counts as no key, whatever else is sent.
 */
public final class Credentials {

  private static final HeaderName X_API_KEY = HeaderNames.create("x-api-key");
  /** Azure OpenAI's key header, as its SDKs send it (LiteLLM accepts it too). */
  private static final HeaderName AZURE_API_KEY = HeaderNames.create("api-key");

  private Credentials() {}

  public static Optional<String> presentedKey(ServerRequest req) {
    Optional<String> auth = req.headers().first(HeaderNames.AUTHORIZATION);
    if (auth.isPresent()) {
      String value = auth.get().strip();
      if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Optional.of(value.substring(7).strip());
      }
      return Optional.empty();
    }
    Optional<String> anthropic = req.headers().first(X_API_KEY);
    return anthropic.isPresent() ? anthropic.map(String::strip)
        : req.headers().first(AZURE_API_KEY).map(String::strip);
  }

  public static ApiError missing() {
    return new ApiError(401, "invalid_request_error", "missing_api_key",
        "You didn't provide an API key. Send it as 'Authorization: Bearer sk-tg-…' or 'x-api-key'.",
        null, Optional.empty());
  }
}
