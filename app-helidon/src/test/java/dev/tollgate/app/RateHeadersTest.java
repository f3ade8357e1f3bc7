package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.in.IssuedKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's {@code x-ratelimit-*} headers on an admitted call: the tightest request and token
 * windows the call passed, with their limit, what remains after it and when the window resets.
 */
class RateHeadersTest {

  private static GatewayHarness gw;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    gw = GatewayHarness.simulated(java.time.Duration.ZERO);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static HttpResponse<String> chat(IssuedKey key) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(gw.base() + "/v1/chat/completions"))
        .header("Authorization", "Bearer " + key.secret().reveal())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-small\",\"max_tokens\":5,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAdmittedCallCarriesItsTightestWindowsInOpenAisHeaders() throws Exception {
    IssuedKey key = gw.key(null, 7L, 100_000L, null);

    HttpResponse<String> first = chat(key);
    HttpResponse<String> second = chat(key);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("7");
    assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("6");
    assertThat(second.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("5");
    assertThat(first.headers().firstValue("x-ratelimit-reset-requests").orElseThrow())
        .matches("\\d+(ms|s)|\\d+m\\d+s");
    assertThat(first.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("100000");
    long tokensLeft = Long.parseLong(
        first.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow());
    assertThat(tokensLeft).isBetween(0L, 100_000L - 1);
    assertThat(first.headers().firstValue("x-ratelimit-reset-tokens")).isPresent();
  }

  @Test
  void aCallWithoutWindowsCarriesNone() throws Exception {
    HttpResponse<String> r = chat(gw.key());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().map().keySet()).noneMatch(h -> h.startsWith("x-ratelimit-"));
  }
}
