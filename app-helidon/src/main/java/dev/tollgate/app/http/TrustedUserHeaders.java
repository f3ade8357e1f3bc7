package dev.tollgate.app.http;

import dev.tollgate.domain.tenancy.EndUserId;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * The end user a front end in front of Tollgate names in a header: Open WebUI's
 * {@code X-OpenWebUI-User-Id} (sent with {@code ENABLE_FORWARD_USER_INFO_HEADERS}). Read for every
 * request, used only when the key's tenant trusts user headers
 * ({@code TenantPolicy.trustedUserHeaders}); a value that is not a valid end-user id (more than
 * 128 characters, spaces, control characters) is ignored, so the body's {@code user} applies.
 */
public final class TrustedUserHeaders {

  public static final HeaderName OPEN_WEBUI_USER_ID = HeaderNames.create("X-OpenWebUI-User-Id");

  private TrustedUserHeaders() {}

  public static Optional<EndUserId> endUser(ServerRequest req) {
    return req.headers().first(OPEN_WEBUI_USER_ID).map(String::strip).flatMap(v -> {
      try {
        return v.isEmpty() || !v.chars().allMatch(c -> c > 0x20 && c < 0x7f)
            ? Optional.empty() : Optional.of(EndUserId.of(v));
      } catch (IllegalArgumentException tooLong) {
        return Optional.empty();
      }
    });
  }
}
