package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.app.config.ObservabilitySettings;
import dev.tollgate.app.tracing.Tracing;
import dev.tollgate.port.in.IssuedKey;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tracing end to end against a receiver that decodes the real OTLP/HTTP protocol: each {@code /v1}
 * request (JSON, stream, Anthropic's Messages, a refused key) is one server span with children
 * for admission, the data-plane call and settlement, with the GenAI attributes; a client's
 * {@code traceparent} is continued; and the data plane (a recording one, in front of the
 * simulator, through the agentgateway adapter) received the trace context of the data-plane-call
 * span itself.
 */
class TracingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String CLIENT_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String CLIENT_SPAN = "b7ad6b7169203331";

  private static OtlpReceiver collector;
  private static RecordingUpstream dataPlane;
  private static GatewayHarness gateway;
  private static IssuedKey key;
  private static HttpResponse<String> json;
  private static HttpResponse<String> stream;
  private static HttpResponse<String> messages;
  private static HttpResponse<String> badKey;
  private static List<OtlpReceiver.Received> spans;

  @BeforeAll
  static void traceFourRequests() throws Exception {
    collector = new OtlpReceiver();
    dataPlane = new RecordingUpstream();
    gateway = GatewayHarness.agentgateway(dataPlane.base(), c -> c.withObservability(
        ObservabilitySettings.DEFAULTS.withTracing(
            ObservabilitySettings.DEFAULTS.tracing().exportingTo(collector.endpoint()))));
    key = gateway.key();
    String secret = key.secret().reveal();
    json = post("/v1/chat/completions", "Bearer " + secret,
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}",
        Optional.of("00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01"));
    stream = post("/v1/chat/completions", "Bearer " + secret,
        "{\"model\":\"sim-small\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}", Optional.empty());
    messages = post("/v1/messages", "Bearer " + secret,
        "{\"model\":\"sim-small\",\"max_tokens\":32,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Optional.empty());
    badKey = post("/v1/chat/completions", "Bearer sk-tg-not-a-key",
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
        Optional.empty());
    gateway.get(Tracing.class).flush();
    // 4 server spans, 3 × (admission, call, settlement), and the refused key's nothing more.
    Eventually.await(() -> collector.spans().size() >= 13, "13 spans exported");
    spans = collector.spans();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    dataPlane.close();
    collector.close();
  }

  private static HttpResponse<String> post(String path, String authorization, String body,
      Optional<String> traceparent) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.base() + path))
        .header("authorization", authorization).header("content-type", "application/json")
        .header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    traceparent.ifPresent(t -> b.header("traceparent", t));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void spans_arrive_as_otlp_protobuf_from_the_tollgate_service() {
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(collector.contentTypes()).allMatch(t -> t.startsWith("application/x-protobuf"));
    assertThat(spans).allSatisfy(s -> {
      assertThat(s.resource()).containsEntry("service.name", "tollgate");
      assertThat(s.scope()).isEqualTo("dev.tollgate");
      assertThat(s.schemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.41.0");
    });
  }

  @Test
  void a_json_call_is_a_server_span_continuing_the_clients_trace_with_three_children()
      throws Exception {
    OtlpReceiver.Received server = serverSpanOf(CLIENT_TRACE);
    assertThat(server.parentSpanId()).isEqualTo(CLIENT_SPAN);
    assertThat(server.span().getName()).isEqualTo("POST /v1/chat/completions");
    JsonNode usage = JSON.readTree(json.body()).path("usage");
    assertThat(server.attributes())
        .containsEntry("http.request.method", "POST")
        .containsEntry("http.route", "/v1/chat/completions")
        .containsEntry("http.response.status_code", 200L)
        .containsEntry("gen_ai.operation.name", "chat")
        .containsEntry("gen_ai.provider.name", "openai")
        .containsEntry("gen_ai.request.model", "sim-small")
        .containsEntry("gen_ai.usage.input_tokens", usage.path("prompt_tokens").asLong())
        .containsEntry("gen_ai.usage.output_tokens", usage.path("completion_tokens").asLong())
        .containsEntry("tollgate.tenant.id", "acme")
        .containsEntry("tollgate.key.id", key.key().id().value())
        .containsEntry("tollgate.request.id", json.headers().firstValue("x-request-id").orElseThrow())
        .containsEntry("tollgate.cost.usd", json.headers().firstValue("x-tollgate-cost-usd").orElseThrow())
        .containsEntry("tollgate.stream", false);
    assertThat((Long) server.attribute("tollgate.cost.nano_usd")).isPositive();
    assertThat(childrenOf(server)).extracting(s -> s.span().getName())
        .containsExactlyInAnyOrder("tollgate.admission", "chat sim-small", "tollgate.settlement");
    OtlpReceiver.Received settlement = child(server, "tollgate.settlement");
    assertThat(settlement.attribute("tollgate.cost.nano_usd"))
        .isEqualTo(server.attribute("tollgate.cost.nano_usd"));
  }

  @Test
  void the_data_plane_received_the_trace_context_of_the_data_plane_call_span() {
    for (OtlpReceiver.Received server : List.of(serverSpanOf(CLIENT_TRACE), streamSpan(),
        messagesSpan())) {
      OtlpReceiver.Received call = child(server, "chat sim-small");
      assertThat(call.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
      assertThat(call.attributes()).containsEntry("gen_ai.request.model", "sim-small")
          .containsEntry("http.response.status_code", 200L);
      // version 00, the call span's ids, and flags with the sampled bit (the SDK may add W3C
      // level 2's random-trace-id bit: 01 or 03)
      String expected = "00-" + call.traceId() + "-" + call.spanId() + "-0[13]";
      assertThat(dataPlane.exchanges()).extracting(e -> e.header("traceparent"))
          .as("traceparent the data plane got for " + server.span().getName())
          .anyMatch(t -> t != null && t.matches(expected));
    }
  }

  @Test
  void a_stream_span_ends_when_the_stream_has_been_relayed_and_settled() {
    assertThat(stream.statusCode()).isEqualTo(200);
    OtlpReceiver.Received server = streamSpan();
    OtlpReceiver.Received call = child(server, "chat sim-small");
    OtlpReceiver.Received settlement = child(server, "tollgate.settlement");
    assertThat(call.span().getEndTimeUnixNano())
        .isLessThanOrEqualTo(settlement.span().getStartTimeUnixNano());
    assertThat(settlement.span().getEndTimeUnixNano())
        .isLessThanOrEqualTo(server.span().getEndTimeUnixNano());
    assertThat((Long) server.attribute("gen_ai.usage.output_tokens")).isPositive();
    assertThat((Long) server.attribute("tollgate.cost.nano_usd")).isPositive();
  }

  @Test
  void anthropics_messages_route_is_traced_the_same_way() {
    assertThat(messages.statusCode()).isEqualTo(200);
    OtlpReceiver.Received server = messagesSpan();
    assertThat(server.attributes()).containsEntry("http.route", "/v1/messages")
        .containsEntry("gen_ai.operation.name", "chat")
        .containsEntry("tollgate.key.id", key.key().id().value());
    assertThat((Long) server.attribute("gen_ai.usage.input_tokens")).isPositive();
    assertThat(childrenOf(server)).extracting(s -> s.span().getName())
        .containsExactlyInAnyOrder("tollgate.admission", "chat sim-small", "tollgate.settlement");
  }

  @Test
  void a_refused_key_is_a_server_span_with_its_reason_and_no_call() {
    assertThat(badKey.statusCode()).isEqualTo(401);
    OtlpReceiver.Received server = serverSpans().stream()
        .filter(s -> Long.valueOf(401).equals(s.attribute("http.response.status_code")))
        .findFirst().orElseThrow();
    assertThat(server.attributes()).containsKey("tollgate.denial.reason")
        .containsEntry("error.type", "401")
        .doesNotContainKey("tollgate.key.id");
    // A refusal is the gateway working: the span's status is left unset, not an error.
    assertThat(server.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
    assertThat(childrenOf(server)).isEmpty();
  }

  private static List<OtlpReceiver.Received> serverSpans() {
    return spans.stream().filter(s -> s.span().getKind() == SpanKind.SPAN_KIND_SERVER).toList();
  }

  private static OtlpReceiver.Received serverSpanOf(String traceId) {
    return serverSpans().stream().filter(s -> s.traceId().equals(traceId)).findFirst()
        .orElseThrow(() -> new AssertionError("no server span in trace " + traceId));
  }

  private static OtlpReceiver.Received streamSpan() {
    return serverSpans().stream().filter(s -> Boolean.TRUE.equals(s.attribute("tollgate.stream")))
        .findFirst().orElseThrow(() -> new AssertionError("no stream's server span"));
  }

  private static OtlpReceiver.Received messagesSpan() {
    return serverSpans().stream().filter(s -> s.span().getName().equals("POST /v1/messages"))
        .findFirst().orElseThrow(() -> new AssertionError("no Messages server span"));
  }

  private static List<OtlpReceiver.Received> childrenOf(OtlpReceiver.Received parent) {
    return spans.stream().filter(s -> s.traceId().equals(parent.traceId())
        && s.parentSpanId().equals(parent.spanId())).toList();
  }

  private static OtlpReceiver.Received child(OtlpReceiver.Received parent, String name) {
    return childrenOf(parent).stream().filter(s -> s.span().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " under " + parent.span().getName()));
  }
}
