package dev.tollgate.adapter.agentgateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads agentgateway's insta golden snapshots (test resources, copied verbatim; origin and licence
 * in their README.md): a YAML header between two {@code ---} lines, then the wire body. A
 * non-streaming body is {@code {"response": ..., "parsed": ...}}; a streaming one is SSE followed by
 * agentgateway's parsed summary.
 */
final class Snapshots {

  static final Path DIR = resourceDir("/fixtures/agentgateway");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_FILES = 200;
  private static final byte[] DATA = "data:".getBytes(UTF_8);

  private Snapshots() {}

  /** File names of every {@code .snap} fixture, sorted. */
  static List<String> names() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".snap"))
          .sorted()
          .limit(MAX_FILES)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] raw(String name) {
    try {
      return Files.readAllBytes(DIR.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What agentgateway sent to the client: everything after the header's closing {@code ---}. */
  static String wireBody(String name) {
    String text = new String(raw(name), UTF_8);
    int opening = text.indexOf("---\n");
    int closing = text.indexOf("\n---\n", opening + 3);
    if (opening != 0 || closing < 0) {
      throw new IllegalStateException(name + " has no YAML header");
    }
    return text.substring(closing + "\n---\n".length());
  }

  /**
   * The usage a client of Tollgate is billed for: the response body's for a non-stream snapshot;
   * for a stream, each {@code data:} payload is handed to the data plane in place (offset and
   * length into one buffer, as the app does) and the last non-empty usage wins.
   */
  static Optional<TokenUsage> usage(DataPlane plane, String name) {
    return name.contains("-streaming") ? streamUsage(plane, wireBody(name)) : bodyUsage(plane, name);
  }

  private static Optional<TokenUsage> bodyUsage(DataPlane plane, String name) {
    try {
      byte[] body = MAPPER.writeValueAsBytes(MAPPER.readTree(wireBody(name)).get("response"));
      return plane.usageIn(body, 0, body.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<TokenUsage> streamUsage(DataPlane plane, String sse) {
    byte[] bytes = sse.getBytes(UTF_8);
    Optional<TokenUsage> last = Optional.empty();
    int lineStart = 0;
    while (lineStart < bytes.length) {
      int lineEnd = indexOf(bytes, (byte) '\n', lineStart);
      if (startsWith(bytes, lineStart, DATA)) {
        int payload = lineStart + DATA.length;
        payload += payload < lineEnd && bytes[payload] == ' ' ? 1 : 0;
        Optional<TokenUsage> usage = plane.usageIn(bytes, payload, lineEnd - payload);
        last = usage.isPresent() ? usage : last;
      }
      lineStart = lineEnd + 1;
    }
    return last;
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return bytes.length;
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
    if (at + prefix.length > bytes.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static Path resourceDir(String resource) {
    try {
      return Path.of(Snapshots.class.getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
