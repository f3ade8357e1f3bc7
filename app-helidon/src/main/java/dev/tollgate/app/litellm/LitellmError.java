package dev.tollgate.app.litellm;

import dev.tollgate.port.in.admin.AdminResult;

/**
 * A refusal in LiteLLM's error shape: {@code {"error":{"message","type","param","code"}}} with
 * the HTTP status as a string {@code code}, as LiteLLM's proxy answers on its management routes.
 */
final class LitellmError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String param;

  LitellmError(int status, String message, String param) {
    super(message, null, false, false);
    this.status = status;
    this.param = param;
  }

  static LitellmError badRequest(String param, String message) {
    return new LitellmError(400, message, param);
  }

  static LitellmError notFound(String what) {
    return new LitellmError(404, what + " not found.", null);
  }

  int status() {
    return status;
  }

  String param() {
    return param;
  }

  /** LiteLLM's {@code type} for a status. */
  String type() {
    return switch (status) {
      case 401, 403 -> "auth_error";
      case 404 -> "not_found_error";
      case 500 -> "internal_server_error";
      case 503 -> "service_unavailable";
      default -> "bad_request_error";
    };
  }

  /**
   * A use case's refusal: not found 404, invalid 400, forbidden 403, and a conflict 400 as
   * LiteLLM answers a duplicate alias or id.
   */
  static LitellmError of(AdminResult<?> refusal) {
    return switch (refusal) {
      case AdminResult.Done<?> d -> throw new IllegalArgumentException("not a refusal");
      case AdminResult.NotFound<?> nf -> notFound(capitalized(nf.what()));
      case AdminResult.Conflict<?> c -> badRequest(null, c.message());
      case AdminResult.Invalid<?> i -> badRequest(i.field(), i.message());
      case AdminResult.Forbidden<?> f -> new LitellmError(403, f.message(), null);
    };
  }

  /** The value of a result, or its refusal thrown. */
  static <T> T done(AdminResult<T> result) {
    if (result instanceof AdminResult.Done<T> d) {
      return d.value();
    }
    throw of(result);
  }

  private static String capitalized(String what) {
    return what.isEmpty() ? what : Character.toUpperCase(what.charAt(0)) + what.substring(1);
  }
}
