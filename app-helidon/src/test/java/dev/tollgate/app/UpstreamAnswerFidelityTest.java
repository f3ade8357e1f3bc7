package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.port.in.IssuedKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a client gets is what the upstream would have sent it had Tollgate not asked for usage,
 * with the model name the client asked for, and nothing unusable is charged. The upstream answers
 * are recorded wire data (OpenAI via envoyproxy/ai-gateway's and agentgateway's test fixtures,
 * Apache-2.0), trimmed to a few chunks.
 */
class UpstreamAnswerFidelityTest {

  /** OpenAI /v1/completions with include_usage: {@code "usage":null} on every chunk. */
  static final String COMPLETIONS_STREAM =
      "data: {\"id\":\"cmpl-CKzHhit4D82m3cp2zRTC2fpTNlJCX\",\"object\":\"text_completion\",\"created\":1759118173,\"choices\":[{\"text\":\" +\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}],\"model\":\"babbage:2023-07-21-v2\",\"usage\":null}\n\n"
      + "data: {\"id\":\"cmpl-CKzHhit4D82m3cp2zRTC2fpTNlJCX\",\"object\":\"text_completion\",\"created\":1759118173,\"choices\":[{\"text\":\"       \",\"index\":0,\"logprobs\":null,\"finish_reason\":\"length\"}],\"model\":\"babbage:2023-07-21-v2\",\"usage\":null}\n\n"
      + "data: {\"id\":\"cmpl-CKzHhit4D82m3cp2zRTC2fpTNlJCX\",\"object\":\"text_completion\",\"created\":1759118173,\"model\":\"babbage:2023-07-21-v2\",\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":25,\"total_tokens\":56},\"choices\":[]}\n\n"
      + "data: [DONE]\n\n";

  /** OpenAI /v1/chat/completions with include_usage: usage is not the last member here. */
  static final String CHAT_STREAM =
      "data: {\"id\":\"chatcmpl-DFnKV81lMKGBRRh35sxZO8I88ireo\",\"object\":\"chat.completion.chunk\",\"created\":1772656915,\"model\":\"gpt-5-nano-2025-08-07\",\"service_tier\":\"default\",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"Hxo8P\"}\n\n"
      + "data: {\"id\":\"chatcmpl-DFnKV81lMKGBRRh35sxZO8I88ireo\",\"object\":\"chat.completion.chunk\",\"created\":1772656915,\"model\":\"gpt-5-nano-2025-08-07\",\"service_tier\":\"default\",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"9AL59\"}\n\n"
      + "data: {\"id\":\"chatcmpl-DFnKV81lMKGBRRh35sxZO8I88ireo\",\"object\":\"chat.completion.chunk\",\"created\":1772656915,\"model\":\"gpt-5-nano-2025-08-07\",\"service_tier\":\"default\",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null,\"obfuscation\":\"n\"}\n\n"
      + "data: {\"id\":\"chatcmpl-DFnKV81lMKGBRRh35sxZO8I88ireo\",\"object\":\"chat.completion.chunk\",\"created\":1772656915,\"model\":\"gpt-5-nano-2025-08-07\",\"service_tier\":\"default\",\"system_fingerprint\":null,\"choices\":[],\"usage\":{\"prompt_tokens\":18,\"completion_tokens\":286,\"total_tokens\":304},\"obfuscation\":\"Od\"}\n\n"
      + "data: [DONE]\n\n";

  static final String CHAT_ANSWER =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1772656915,"
          + "\"model\":\"gpt-5-nano-2025-08-07\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
          + "\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":18,\"completion_tokens\":2,\"total_tokens\":20}}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
  private static HttpServer upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      RECEIVED.add(body);
      String path = exchange.getRequestURI().getPath();
      boolean stream = body.contains("\"stream\":true");
      String answer;
      String type;
      int status = 200;
      if (body.contains("bad-temperature")) {
        status = 400;
        answer = "{\"error\":{\"message\":\"temperature must be at most 2\",\"type\":"
            + "\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"invalid_value\"}}";
        type = "application/json";
      } else if (body.contains("not-json")) {
        answer = "<html><body>502 Bad Gateway</body></html>";
        type = "text/html";
      } else if (stream) {
        answer = path.endsWith("/chat/completions") ? CHAT_STREAM : COMPLETIONS_STREAM;
        type = "text/event-stream";
      } else {
        answer = CHAT_ANSWER;
        type = "application/json";
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("content-type", type);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    upstream.start();
    gateway = GatewayHarness.agentgateway(
        URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.stop(0);
  }

  @Test
  void a_stream_whose_client_did_not_ask_for_usage_carries_no_usage_member_and_is_still_charged()
      throws Exception {
    IssuedKey key = gateway.key();
    String got = post(key, "/v1/completions",
        "{\"model\":\"sim-small\",\"stream\":true,\"prompt\":\"def fib(n):\"}").body();

    String expected = COMPLETIONS_STREAM.replace("\"model\":\"babbage:2023-07-21-v2\"",
            "\"model\":\"sim-small\"")
        .replace(",\"usage\":null}", "}");
    expected = expected.substring(0, expected.indexOf("data: {\"id\":\"cmpl-CKzHhit4D82m3cp2zRTC2fpTNlJCX\",\"object\":\"text_completion\",\"created\":1759118173,\"model\""))
        + "data: [DONE]\n\n";
    assertThat(got).isEqualTo(expected);
    assertThat(RECEIVED.get(RECEIVED.size() - 1)).contains("\"include_usage\":true");
    SpendEntry entry = gateway.awaitLedger(key, 1).get(0);
    assertThat(entry.source()).isEqualTo(UsageSource.REPORTED);
    assertThat(entry.usage().inputTokens()).isEqualTo(31);
    assertThat(entry.usage().outputTokens()).isEqualTo(25);
  }

  @Test
  void a_chat_stream_loses_usage_in_the_middle_of_a_chunk_and_keeps_every_other_byte()
      throws Exception {
    String got = post(gateway.key(), "/v1/chat/completions",
        "{\"model\":\"sim-small\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .body();

    String expected = CHAT_STREAM.replace("\"model\":\"gpt-5-nano-2025-08-07\"", "\"model\":\"sim-small\"")
        .replace("\"usage\":null,", "");
    expected = expected.substring(0, expected.lastIndexOf("data: {")) + "data: [DONE]\n\n";
    assertThat(got).isEqualTo(expected);
  }

  @Test
  void a_client_that_asked_for_usage_gets_the_upstream_stream_with_only_the_model_renamed()
      throws Exception {
    String got = post(gateway.key(), "/v1/completions",
        "{\"model\":\"sim-small\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"prompt\":\"def fib(n):\"}").body();

    assertThat(got).isEqualTo(COMPLETIONS_STREAM.replace("\"model\":\"babbage:2023-07-21-v2\"",
        "\"model\":\"sim-small\""));
  }

  @Test
  void a_client_that_asked_for_an_alias_sees_the_alias_in_every_chunk_and_in_a_whole_answer()
      throws Exception {
    String streamed = post(gateway.key(), "/v1/chat/completions",
        "{\"model\":\"fast\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .body();
    HttpResponse<String> whole = post(gateway.key(), "/v1/chat/completions",
        "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(RECEIVED.get(RECEIVED.size() - 1)).contains("\"model\":\"sim-small\"");
    assertThat(streamed).doesNotContain("gpt-5-nano").doesNotContain("sim-small");
    assertThat(streamed.split("\"model\":\"fast\"", -1)).hasSize(4);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(
        CHAT_ANSWER.replace("\"model\":\"gpt-5-nano-2025-08-07\"", "\"model\":\"fast\""));
  }

  @Test
  void an_upstream_200_that_is_not_json_is_an_openai_shaped_502_and_not_charged() throws Exception {
    IssuedKey key = gateway.key();
    HttpResponse<String> res = post(key, "/v1/chat/completions",
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"not-json\"}]}");

    assertThat(res.statusCode()).isEqualTo(502);
    assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode error = JSON.readTree(res.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("upstream_error");
    assertThat(error.path("code").asText()).isEqualTo("upstream_bad_response");
    assertThat(gateway.ledgerOf(key)).isEmpty();
    assertThat(gateway.spentBy(key).isPositive()).isFalse();
  }

  @Test
  void an_upstream_400_keeps_the_field_it_names() throws Exception {
    HttpResponse<String> res = post(gateway.key(), "/v1/chat/completions",
        "{\"model\":\"sim-small\",\"temperature\":9,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"bad-temperature\"}]}");

    assertThat(res.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(res.body()).path("error");
    assertThat(error.path("param").asText()).isEqualTo("temperature");
    assertThat(error.path("code").asText()).isEqualTo("invalid_value");
  }

  private static HttpResponse<String> post(IssuedKey key, String path, String body)
      throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.base() + path))
            .header("Authorization", "Bearer " + key.secret().reveal())
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
