package dev.tollgate.app.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** Where a client's key comes from: {@code Authorization: Bearer …} or {@code x-api-key}. */
public final class Credentials {

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
    return req.headers().first(HeaderNames.create("x-api-key")).map(String::strip);
  }

  public static ApiError missing() {
    return new ApiError(401, "invalid_request_error", "missing_api_key",
        "You didn't provide an API key. Send it as 'Authorization: Bearer sk-tg-…' or 'x-api-key'.",
        null, Optional.empty());
  }
}
