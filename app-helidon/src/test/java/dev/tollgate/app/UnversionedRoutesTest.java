package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.port.in.IssuedKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's routes without {@code /v1}, as a client configured with LiteLLM's bare base URL calls
 * them: the same answers, the same charges, the same errors and 405s as on {@code /v1}.
 */
class UnversionedRoutesTest {

  private static GatewayHarness gateway;
  private static AdminClient client;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(Duration.ZERO);
    client = new AdminClient(gateway.base());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void each_operation_answers_and_is_charged_as_on_v1() {
    IssuedKey key = gateway.key();
    String secret = key.secret().reveal();
    AdminClient.Reply chat = client.post("/chat/completions", secret,
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    AdminClient.Reply stream = client.post("/chat/completions", secret, "{\"model\":\"sim-small\","
        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    AdminClient.Reply completion = client.post("/completions", secret,
        "{\"model\":\"sim-small\",\"prompt\":\"Say hi\"}");
    AdminClient.Reply embedding = client.post("/embeddings", secret,
        "{\"model\":\"sim-embed\",\"input\":\"hello\"}");
    AdminClient.Reply response = client.post("/responses", secret,
        "{\"model\":\"sim-small\",\"input\":\"hi\"}");

    assertThat(List.of(chat, stream, completion, embedding, response))
        .allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(200));
    assertThat(chat.json().path("object").asText()).isEqualTo("chat.completion");
    assertThat(stream.text()).contains("data: [DONE]");
    assertThat(embedding.json().path("data").get(0).path("embedding").isArray()).isTrue();
    List<SpendEntry> ledger = gateway.awaitLedger(key, 5);
    assertThat(ledger).hasSize(5);
  }

  @Test
  void the_model_list_and_one_model_answer_without_v1() {
    String secret = gateway.key().secret().reveal();
    AdminClient.Reply list = client.call("GET", "/models", secret, null);
    AdminClient.Reply one = client.call("GET", "/models/sim-small", secret, null);

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("data").findValuesAsText("id")).contains("sim-small");
    assertThat(one.json().path("id").asText()).isEqualTo("sim-small");
  }

  @Test
  void errors_are_openais_as_on_v1() {
    AdminClient.Reply noKey = client.post("/chat/completions", null, "{}");
    AdminClient.Reply wrongMethod = client.call("GET", "/chat/completions", null, null);
    AdminClient.Reply unknownModel = client.post("/embeddings", gateway.key().secret().reveal(),
        "{\"model\":\"nope\",\"input\":\"x\"}");

    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.errorCode()).isEqualTo("missing_api_key");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.headers().get("allow")).containsExactly("POST");
    assertThat(unknownModel.status()).isEqualTo(404);
    assertThat(unknownModel.errorCode()).isEqualTo("model_not_found");
  }
}
