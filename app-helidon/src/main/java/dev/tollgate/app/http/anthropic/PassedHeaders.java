package dev.tollgate.app.http.anthropic;

import dev.tollgate.wire.anthropic.MessagesRequest;
import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client headers the data plane gets unchanged on the Messages routes: Anthropic's own
 * ({@code anthropic-version}, {@code anthropic-beta}, and any other {@code anthropic-*}: Claude
 * Code breaks on gateways that drop what Anthropic accepts) and the session headers clients send
 * for attribution ({@code x-claude-code-session-id}). Nothing else: credentials and routing headers
 * are Tollgate's and the adapter's. Bounded in count and size; a value that could not be sent on
 * as it is (a control character, a non-Latin-1 character) is the client's mistake.
 */
final class PassedHeaders {

  static final int MAX_HEADERS = 32;
  static final int MAX_VALUE_CHARS = 4096;
  private static final String PREFIX = "anthropic-";
  private static final java.util.Set<String> SESSION = java.util.Set.of("x-claude-code-session-id");

  private PassedHeaders() {}

  static Map<String, String> of(ServerRequest req) throws MessagesRequest.Invalid {
    Map<String, String> passed = new HashMap<>();
    for (Header header : req.headers()) {
      String name = header.name().toLowerCase(Locale.ROOT);
      if (!name.startsWith(PREFIX) && !SESSION.contains(name)) {
        continue;
      }
      String value = String.join(",", header.allValues());
      if (passed.size() >= MAX_HEADERS || value.length() > MAX_VALUE_CHARS || !sendable(value)) {
        throw new MessagesRequest.Invalid("header " + name + ": the value cannot be passed on");
      }
      passed.put(name, value);
    }
    return passed;
  }

  private static boolean sendable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < ' ' && c != '\t') || c == 0x7f || c > 0xff) {
        return false;
      }
    }
    return true;
  }
}
