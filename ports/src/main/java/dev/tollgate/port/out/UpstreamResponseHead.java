package dev.tollgate.port.out;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Status and headers of a data-plane response. Header names are lower case. */
public record UpstreamResponseHead(int status, Map<String, List<String>> headers) {

  public UpstreamResponseHead {
    headers = Map.copyOf(headers);
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public boolean isJson() {
    return header("content-type").map(c -> c.toLowerCase(Locale.ROOT).contains("json")).orElse(false);
  }
}
