package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** A plain JDK HTTP client for a running simulator, with SSE and JSON helpers. */
final class SimClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI base;

  SimClient(Simulator simulator) {
    this.base = simulator.baseUri();
  }

  /** One server-sent event: its {@code event:} name (null if none) and its {@code data:} line. */
  record Event(String name, String data) {
    JsonNode json() {
      return parse(data);
    }

    boolean isDone() {
      return "[DONE]".equals(data);
    }
  }

  HttpResponse<String> post(String path, String body, String... headers) {
    return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<InputStream> postStreaming(String path, String body, String... headers) {
    HttpRequest request = request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /** Splits a complete SSE body into events; every event must end with a blank line. */
  static List<Event> events(String body) {
    if (!body.endsWith("\n\n")) {
      throw new AssertionError("stream does not end with a blank line: " + body);
    }
    List<Event> events = new ArrayList<>();
    for (String block : body.substring(0, body.length() - 2).split("\n\n", -1)) {
      String name = null;
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring("event: ".length());
        } else if (line.startsWith("data: ")) {
          data = line.substring("data: ".length());
        } else {
          throw new AssertionError("unexpected SSE line: " + line);
        }
      }
      events.add(new Event(name, data));
    }
    return events;
  }

  /** The body with ids and timestamps blanked: what must be equal for equal requests. */
  static String withoutIdsAndTimes(String body) {
    return body
        .replaceAll("\"(id|item_id)\":\"[^\"]*\"", "\"$1\":\"*\"")
        .replaceAll("\"(created|created_at)\":\\d+", "\"$1\":0");
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
        .header("content-type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.setHeader(headers[i], headers[i + 1]); // a given content-type replaces JSON's
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
