package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.in.IssuedKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client's malformed body is a 400 naming the field before admission: it takes no slot and
 * holds no budget, so repeating it cannot lock a tenant out.
 */
class HostileInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(Duration.ZERO);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aNonObjectStreamOptionsIs400BeforeAdmissionAndLeavesNothingTaken() throws Exception {
    IssuedKey key = gateway.key(Money.usd("1.00"), null, null, 3);
    for (String options : new String[] {"\"yes\"", "[1]", "7", "{\"include_usage\":\"yes\"}"}) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> res = post(key, "{\"model\":\"sim-small\",\"stream\":true,"
            + "\"stream_options\":" + options + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        assertThat(param(res)).startsWith("stream_options");
      }
    }
    assertThat(gateway.tollgate().spend().budget(Scope.key(key.key().id())).orElseThrow().held())
        .isEqualTo(Money.ZERO);
    HttpResponse<String> ok = post(key, "{\"model\":\"sim-small\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void nAndBestOfAboveTheBoundOrNotPositiveAre400NamingTheField() throws Exception {
    IssuedKey key = gateway.key();
    for (String field : new String[] {"n", "best_of"}) {
      for (String value : new String[] {"17", "128", "0", "-1", "1.5", "\"2\""}) {
        HttpResponse<String> res = post(key, "{\"model\":\"sim-small\",\"" + field + "\":" + value
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).as(field + "=" + value).isEqualTo(400);
        assertThat(param(res)).isEqualTo(field);
      }
    }
    HttpResponse<String> ok = post(key, "{\"model\":\"sim-small\",\"n\":16,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
  }

  @Test
  void aPriceImportWithAnAbsurdExponentIs400NamingTheFieldWithABoundedAnswer() throws Exception {
    for (String number : new String[] {"1e-999999999", "1e-100000000"}) {
      HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(
              URI.create(gateway.base() + "/admin/v1/prices/import"))
          .header("authorization", "Bearer " + GatewayHarness.MASTER_KEY)
          .POST(HttpRequest.BodyPublishers.ofString("{\"sim-small\":{\"input_cost_per_token\":"
              + number + ",\"output_cost_per_token\":1}}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).as(number).isEqualTo(400);
      assertThat(res.body().length()).isLessThan(1_000);
      assertThat(param(res)).isEqualTo("sim-small.input_cost_per_token");
    }
  }

  static String param(HttpResponse<String> res) throws Exception {
    JsonNode error = JSON.readTree(res.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    return error.path("param").asText();
  }

  private static HttpResponse<String> post(IssuedKey key, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/chat/completions"))
            .header("authorization", "Bearer " + key.secret().reveal())
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
