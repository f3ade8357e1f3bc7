package dev.tollgate.app.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.util.Optional;

/**
 * Requests Helidon refuses before any route runs (an unparsable request line, a bad header, an
 * oversized prologue) still get an OpenAI-shaped error body, never an empty one or a stack trace.
 */
public final class TransportErrors implements DirectHandler {

  private static final int MAX_REASON = 200;

  @Override
  public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
      ServerResponseHeaders headers, String message) {
    int code = status.code();
    // 505 is the client's protocol, not a server fault.
    boolean serverFault = code >= 500 && code != Status.HTTP_VERSION_NOT_SUPPORTED_505.code();
    String type = serverFault ? "server_error" : "invalid_request_error";
    String errorCode = switch (eventType) {
      case PAYLOAD_TOO_LARGE -> "request_too_large";
      case BAD_REQUEST -> "bad_request";
      case HTTP_VERSION_NOT_SUPPORTED -> "http_version_not_supported";
      case FORBIDDEN -> "forbidden";
      case INTERNAL_ERROR, OTHER -> code >= 500 ? "internal_error" : "bad_request";
    };
    String reason = serverFault ? "Tollgate could not handle this request."
        : "The HTTP request was refused before routing: " + truncate(message);
    ApiError error = new ApiError(code, type, errorCode, reason, null, Optional.empty());
    return TransportResponse.builder()
        .status(status)
        .headers(headers)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .entity(error.body())
        .build();
  }

  private static String truncate(String message) {
    if (message == null || message.isBlank()) {
      return "malformed request";
    }
    return message.length() > MAX_REASON ? message.substring(0, MAX_REASON) + "…" : message;
  }
}
