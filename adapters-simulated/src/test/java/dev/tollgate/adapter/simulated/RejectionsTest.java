package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RejectionsTest {

  static final String CHAT = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @RegisterExtension
  static final RunningSimulator SIM = new RunningSimulator();

  static JsonNode openAiError(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode error = SimClient.parse(response.body()).get("error");
    assertThat(error).isNotNull();
    assertThat(error.fieldNames()).toIterable().containsExactly("message", "type", "param", "code");
    return error;
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1/chat/completions", "v1/completions", "v1/embeddings", "v1/responses"})
  void anUnknownModelIs404ModelNotFound(String path) {
    JsonNode error = openAiError(SIM.client().post(path, "{\"model\":\"gpt-nope\",\"stream\":true}"), 404);

    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("param").asText()).isEqualTo("model");
    assertThat(error.get("code").asText()).isEqualTo("model_not_found");
    assertThat(error.get("message").asText()).contains("gpt-nope");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"model\":", "", "[]", "{} {}", "not json"})
  void malformedJsonIs400(String body) {
    JsonNode error = openAiError(SIM.client().post("v1/chat/completions", body), 400);

    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("param").isNull()).isTrue();
  }

  @Test
  void missingOrInvalidParametersAre400NamingTheParameter() {
    assertThat(openAiError(SIM.client().post("v1/chat/completions", "{\"model\":\"sim-small\"}"), 400)
        .get("param").asText()).isEqualTo("messages");
    assertThat(openAiError(SIM.client().post("v1/chat/completions", "{\"messages\":[]}"), 400)
        .get("param").asText()).isEqualTo("model");
    assertThat(openAiError(SIM.client().post("v1/completions", "{\"model\":\"sim-small\",\"prompt\":3}"), 400)
        .get("param").asText()).isEqualTo("prompt");
    String zeroMax = "{\"model\":\"sim-small\",\"max_tokens\":0,\"messages\":[{\"content\":\"x\"}]}";
    assertThat(openAiError(SIM.client().post("v1/chat/completions", zeroMax), 400)
        .get("param").asText()).isEqualTo("max_tokens");
  }

  @Test
  void failHeader429IsARateLimitWithRetryAfter() {
    HttpResponse<String> response = SIM.client().post("v1/chat/completions", CHAT, "x-sim-fail", "429");
    JsonNode error = openAiError(response, 429);

    assertThat(response.headers().firstValue("retry-after")).hasValue("1");
    assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void failHeader500IsAServerError() {
    HttpResponse<String> response = SIM.client().post("v1/responses", "{}", "x-sim-fail", "500");

    assertThat(openAiError(response, 500).get("type").asText()).isEqualTo("server_error");
    assertThat(response.headers().firstValue("retry-after")).isEmpty();
  }

  @Test
  void failHeader503IsOverloadedWithRetryAfterEvenForAStream() {
    HttpResponse<String> response = SIM.client().post("v1/chat/completions",
        CHAT.replace("}]}", "}],\"stream\":true}"), "x-sim-fail", "503");

    assertThat(openAiError(response, 503).get("type").asText()).isEqualTo("server_error");
    assertThat(response.headers().firstValue("retry-after")).hasValue("1");
  }

  @Test
  void failHeaderText503IsAPlainTextRejectionLikeAGatewaysOwn() {
    HttpResponse<String> response = SIM.client().post("v1/embeddings", "not even json", "x-sim-fail", "text503");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain"));
    assertThat(response.headers().firstValue("retry-after")).hasValue("1");
    assertThat(response.body()).doesNotStartWith("{").isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-sim-fail:418", "x-sim-tokens:many", "x-sim-tokens:-1", "x-sim-tokens:4097"})
  void aBadTestHeaderIs400(String header) {
    String[] nameAndValue = header.split(":");
    JsonNode error = openAiError(SIM.client().post("v1/chat/completions", CHAT, nameAndValue[0], nameAndValue[1]), 400);

    assertThat(error.get("message").asText()).startsWith(nameAndValue[0]);
  }
}
