package dev.tollgate.app.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml}: the OpenAPI 3.1 document of the {@code /v1} facade and the admin API,
 * a resource of this artifact. A test keeps its paths equal to the routes the server registers.
 */
public final class OpenApi {

  public static final String RESOURCE = "openapi.yaml";

  private OpenApi() {}

  public static byte[] document() {
    try (InputStream in = OpenApi.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the artifact");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Handler handler() {
    byte[] document = document();
    return (req, res) -> {
      res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
      res.send(document);
    };
  }
}
