package dev.tollgate.app.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.util.Optional;

/**
 * Requests Helidon refuses before any route runs (an unparsable request line, a bad header, an
 * oversized prologue) still get an error body in the shape of the API they were for (as far as the
 * request was parsed: {@link ErrorShape}), never an empty one or a stack trace.
 */
public final class TransportErrors implements DirectHandler {

  private static final int MAX_REASON = 200;

  private final ErrorShape shape;

  /** {@code shape}: the refusal in the shape of the API the request's path and headers name. */
  public TransportErrors(ErrorShape shape) {
    this.shape = shape;
  }

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
    ErrorShape.Written written = shape.write(request.path() == null ? "" : request.path(),
        request.headers() == null ? ServerRequestHeaders.create() : request.headers(), error);
    TransportResponse.Builder answer = TransportResponse.builder()
        .status(written.status() == code ? status : Status.create(written.status()))
        .headers(headers)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .entity(written.body());
    written.headers().forEach(answer::header);
    return answer.build();
  }

  private static String truncate(String message) {
    if (message == null || message.isBlank()) {
      return "malformed request";
    }
    return message.length() > MAX_REASON ? message.substring(0, MAX_REASON) + "…" : message;
  }
}
