package dev.tollgate.adapter.envoyaigw;

import dev.tollgate.port.out.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads Envoy AI Gateway's go-vcr v2 cassettes (test resources, copied verbatim; origin and licence
 * in their README.md): each holds one recorded request to api.openai.com and the response the
 * gateway passed back, status, headers and body.
 */
final class Cassettes {

  /** The one interaction of a cassette. */
  record Cassette(String name, URI url, String requestBody, int status,
      Map<String, List<String>> responseHeaders, String responseBody) {

    Endpoint endpoint() {
      return Stream.of(Endpoint.values())
          .filter(e -> e.path().equals(url.getPath()))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(name + ": no endpoint for " + url));
    }

    boolean stream() {
      return STREAM.matcher(requestBody).find();
    }

    String model() {
      Matcher model = MODEL.matcher(requestBody);
      if (!model.find()) {
        throw new IllegalStateException(name + " names no model");
      }
      return model.group(1);
    }

    String contentType() {
      return Optional.ofNullable(responseHeaders.get("Content-Type"))
          .flatMap(values -> values.stream().findFirst())
          .orElse("application/octet-stream");
    }
  }

  static final Path DIR = resourceDir("/fixtures/envoy-ai-gateway");

  private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
  private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]+)\"");
  private static final int MAX_FILES = 100;

  private Cassettes() {}

  /** File names of every cassette, sorted. */
  static List<String> names() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".yaml"))
          .sorted()
          .limit(MAX_FILES)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Cassette load(String name) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    try (InputStream in = Files.newInputStream(DIR.resolve(name))) {
      Map<String, Object> root = yaml.load(in);
      List<Map<String, Object>> interactions = cast(root.get("interactions"));
      if (interactions.size() != 1) {
        throw new IllegalStateException(name + " holds " + interactions.size() + " interactions");
      }
      Map<String, Object> request = cast(interactions.get(0).get("request"));
      Map<String, Object> response = cast(interactions.get(0).get("response"));
      return new Cassette(name, URI.create((String) request.get("url")),
          (String) request.get("body"), (Integer) response.get("code"),
          cast(response.get("headers")), (String) response.get("body"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }

  private static Path resourceDir(String resource) {
    try {
      return Path.of(Cassettes.class.getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
