package dev.tollgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A plain HTTP client for the admin API's tests: method, path, credential, JSON in and out. */
final class AdminClient {

  static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, String text, Map<String, java.util.List<String>> headers) {
    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  AdminClient(String base) {
    this.base = base;
  }

  Reply call(String method, String path, String key, String body) {
    return call(method, path, key, body, Map.of());
  }

  Reply call(String method, String path, String key, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r.headers().map());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply get(String path, String key) {
    return call("GET", path, key, null);
  }

  Reply post(String path, String key, String body) {
    return call("POST", path, key, body);
  }
}
