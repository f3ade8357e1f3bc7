package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.ScriptedUpstream.body;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every {@link DataPlane} adapter promises, played against a {@link ScriptedUpstream} that
 * replays recorded data-plane behaviour on loopback: requests forwarded as built, JSON and streamed
 * answers readable as they arrive, the same {@link TokenUsage} for the same {@link EconomicEvent}
 * whatever {@link UsageShape} carried it, broken streams that fail a read and nothing else,
 * failures before a head as {@link DataPlaneException}s, and error answers in OpenAI's terms.
 *
 * <p>An adapter says how to build it against a base URI and which usage shapes its data plane
 * emits; a data plane that normally starts its own upstream (the simulator) is built in its
 * "connect to an existing server" form. No test measures time: delays only order events, and every
 * wait is bounded.
 */
public abstract class DataPlaneContract {

  /** The head timeout of ordinary requests: generous, so that a slow machine never fails one. */
  protected static final Duration PATIENT = Duration.ofSeconds(10);

  private static final Duration SHORT = Duration.ofMillis(300);

  /**
   * This adapter's data plane at {@code base}, waiting at most {@code maxHeadTimeout} for a
   * response head. The contract closes it after each test if it is {@link AutoCloseable}.
   */
  protected abstract DataPlane dataPlaneAt(URI base, Duration maxHeadTimeout);

  /** The usage shapes this adapter's data plane emits, so the ones it must read. */
  protected abstract Set<UsageShape> usageShapes();

  /** The usage shapes this data plane's Messages route ({@code /v1/messages}) emits. */
  protected abstract Set<MessagesShape> messagesShapes();

  /**
   * The header this adapter gives the data plane's endpoint picker the inference objective in;
   * empty for a data plane that has no picker (the contract's objective cases then pass vacuously).
   */
  protected Optional<String> objectiveHeader() {
    return Optional.empty();
  }

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable closeable : open.reversed()) {
      closeable.close();
    }
    open.clear();
  }

  @TestFactory
  Stream<DynamicTest> theSameEconomicEventIsTheSameUsageInEveryDeclaredShape() {
    DataPlane plane = planeAt(URI.create("http://127.0.0.1:" + ScriptedUpstream.closedPort()));
    return expressible().map(c -> DynamicTest.dynamicTest(c.shape() + " carrying " + c.event(),
        () -> {
          TokenUsage event = c.event().usage();
          assertThat(StreamReader.usageInSlice(plane, c.shape().body(event))).contains(event);
          if (c.shape().streams()) {
            byte[] sse = c.shape().stream(event).getBytes(UTF_8);
            assertThat(StreamReader.lastUsage(plane, sse)).contains(event);
          }
        }));
  }

  @TestFactory
  Stream<DynamicTest> jsonAnswersAreForwardedAndTheirUsageRead() {
    return richestPerShape().map(c -> DynamicTest.dynamicTest(c.shape() + " as JSON", () -> {
      String answer = c.shape().body(c.event().usage());
      ScriptedUpstream upstream = upstream(ScriptedUpstream.json(answer));
      DataPlane plane = planeAt(upstream.base());
      UpstreamRequest request = request(c.shape().endpoint(), false, PATIENT);

      StreamReader.Read read = exchange(plane, request);

      assertThat(read.failure()).isEmpty();
      assertThat(read.text()).isEqualTo(answer);
      assertThat(StreamReader.usageInSlice(plane, read.text())).contains(c.event().usage());
      assertForwarded(upstream.takeRequest(), request);
    }));
  }

  @TestFactory
  Stream<DynamicTest> streamedAnswersArriveAsEventsWithTheirUsage() {
    return richestPerShape().filter(c -> c.shape().streams())
        .map(c -> DynamicTest.dynamicTest(c.shape() + " as a stream", () -> {
          String events = c.shape().stream(c.event().usage());
          ScriptedUpstream upstream = upstream(ScriptedUpstream.stream(events));
          DataPlane plane = planeAt(upstream.base());
          UpstreamRequest request = request(c.shape().endpoint(), true, PATIENT);

          StreamReader.Read read = exchange(plane, request);

          assertThat(read.failure()).isEmpty();
          assertThat(read.text()).isEqualTo(events);
          assertThat(StreamReader.lastUsage(plane, read.bytes())).contains(c.event().usage());
          assertForwarded(upstream.takeRequest(), request);
        }));
  }

  @Test
  void aStreamCutInTheMiddleFailsTheReadAndNothingElse() {
    String answer = UsageShape.OPENAI.body(EconomicEvent.PLAIN.usage());
    ScriptedUpstream upstream = upstream(ScriptedUpstream.sequence(
        ScriptedUpstream.cutAfter(Bodies.chatStreamHead()), ScriptedUpstream.json(answer)));
    DataPlane plane = planeAt(upstream.base());

    StreamReader.Read read = exchange(plane, request(Endpoint.CHAT_COMPLETIONS, true, PATIENT));

    assertThat(read.text()).startsWith("data: ");
    assertThat(Bodies.chatStreamHead()).startsWith(read.text());
    assertThat(StreamReader.lastUsage(plane, read.bytes())).isEmpty();
    StreamReader.Read next = exchange(plane, request(Endpoint.CHAT_COMPLETIONS, false, PATIENT));
    assertThat(next.text()).as("the next request on the same data plane").isEqualTo(answer);
  }

  @Test
  void aStreamThatEndsEarlyCarriesNoUsage() {
    String head = Bodies.chatStreamHead();
    DataPlane plane = planeAt(upstream(ScriptedUpstream.stream(head)).base());

    StreamReader.Read read = exchange(plane, request(Endpoint.CHAT_COMPLETIONS, true, PATIENT));

    assertThat(read.failure()).isEmpty();
    assertThat(read.text()).isEqualTo(head);
    assertThat(StreamReader.lastUsage(plane, read.bytes())).isEmpty();
  }

  @Test
  void aSlowFirstByteWithinTheTimeoutIsWaitedFor() {
    String answer = UsageShape.OPENAI.body(EconomicEvent.PLAIN.usage());
    ScriptedUpstream slow = upstream(ScriptedUpstream.after(SHORT, ScriptedUpstream.json(answer)));
    DataPlane plane = planeAt(slow.base());

    StreamReader.Read read = exchange(plane, request(Endpoint.CHAT_COMPLETIONS, false, PATIENT));

    assertThat(read.text()).isEqualTo(answer);
  }

  @Test
  void aRefusedConnectionIsUnreachable() {
    DataPlane plane = planeAt(URI.create("http://127.0.0.1:" + ScriptedUpstream.closedPort()));

    assertThatThrownBy(() -> plane.send(request(Endpoint.CHAT_COMPLETIONS, false, PATIENT)))
        .isInstanceOfSatisfying(DataPlaneException.class,
            e -> assertThat(e.kind()).isEqualTo(DataPlaneException.Kind.UNREACHABLE));
  }

  @Test
  void noHeadWithinTheRequestsTimeoutIsATimeout() {
    ScriptedUpstream silent = upstream(ScriptedUpstream.after(ScriptedUpstream.NEVER,
        ScriptedUpstream.json("{}")));
    DataPlane plane = planeAt(silent.base());

    assertThatThrownBy(() -> plane.send(request(Endpoint.CHAT_COMPLETIONS, false, SHORT)))
        .isInstanceOfSatisfying(DataPlaneException.class,
            e -> assertThat(e.kind()).isEqualTo(DataPlaneException.Kind.TIMEOUT));
  }

  @TestFactory
  Stream<DynamicTest> errorAnswersMeanTheSameWhicheverDataPlaneGaveThem() {
    return RecordedErrors.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      ScriptedUpstream upstream = upstream(body(c.status(), c.contentType(), c.body(), c.headers()));
      DataPlane plane = planeAt(upstream.base());

      try (UpstreamResponse response =
          plane.send(request(Endpoint.CHAT_COMPLETIONS, false, PATIENT))) {
        byte[] errorBody = response.body().readNBytes(64 * 1024);

        assertThat(response.head().status()).isEqualTo(c.status());
        assertThat(response.head().isSuccess()).isFalse();
        assertThat(plane.errorOf(response.head(), errorBody)).isEqualTo(c.expected());
      }
    }));
  }

  /**
   * A tenant whose policy demotes past its soft budget: its requests carry the sheddable objective
   * only while demoted, so the pool sheds them first, and its own objective otherwise.
   */
  @TestFactory
  Stream<DynamicTest> aDemotedTenantsRequestCarriesTheSheddableObjective() {
    TenantPolicy policy = new TenantPolicy(TenantId.of("tenant-contract"), Set.of(), Map.of(),
        Optional.of("interactive"), Optional.of("tenant-contract"), true,
        new NearLimitPolicy(NearLimitPolicy.WhenExhausted.REFUSE, 64,
            NearLimitPolicy.PastSoftBudget.DEMOTE, "sheddable"));
    return Stream.of(true, false).map(pastSoft -> DynamicTest.dynamicTest(
        pastSoft ? "past the soft budget" : "below the soft budget", () -> {
          String answer = UsageShape.OPENAI.body(EconomicEvent.PLAIN.usage());
          ScriptedUpstream upstream = upstream(ScriptedUpstream.json(answer));
          DataPlane plane = planeAt(upstream.base());
          UpstreamRequest plain = request(Endpoint.CHAT_COMPLETIONS, false, PATIENT);
          UpstreamRequest request = new UpstreamRequest(plain.endpoint(), plain.body(),
              plain.stream(), plain.requestId(), plain.upstreamModel(), plain.tenant(),
              policy.objectiveFor(policy.nearLimit().demotes(pastSoft)), plain.fairnessId(),
              plain.timeout());

          exchange(plane, request);

          ScriptedUpstream.Seen seen = upstream.takeRequest();
          objectiveHeader().ifPresent(header -> assertThat(seen.header(header))
              .contains(pastSoft ? "sheddable" : "interactive"));
        }));
  }

  @TestFactory
  Stream<DynamicTest> theSameMessagesEventIsTheSameUsageInEveryDeclaredMessagesShape() {
    DataPlane plane = planeAt(URI.create("http://127.0.0.1:" + ScriptedUpstream.closedPort()));
    assertThat(messagesShapes()).as("a data plane with a Messages route reads Anthropic's shape")
        .contains(MessagesShape.ANTHROPIC);
    return messagesShapes().stream().sorted().flatMap(shape -> Stream.of(MessagesEvent.values())
        .filter(shape::canExpress).map(event -> DynamicTest.dynamicTest(
            shape + " carrying " + event, () -> {
              byte[] body = shape.body(event.usage()).getBytes(UTF_8);
              assertThat(plane.messagesUsageIn(body, 0, body.length)
                  .map(MessagesUsage::toTokenUsage)).contains(event.usage());
              assertThat(StreamReader.messagesUsage(plane, shape.stream(event.usage())
                  .getBytes(UTF_8))).contains(event.usage());
            })));
  }

  /**
   * The Messages route gets the body as built, on Anthropic's paths, with the client's Anthropic
   * headers ({@code anthropic-version}, {@code anthropic-beta}) unchanged, and its answer, JSON or
   * events, arrives byte for byte.
   */
  @TestFactory
  Stream<DynamicTest> messagesGoToAnthropicsPathsWithTheClientsAnthropicHeaders() {
    TokenUsage usage = MessagesEvent.BOTH_CACHE_LIFETIMES.usage();
    String json = MessagesShape.ANTHROPIC.body(usage);
    String events = MessagesShape.ANTHROPIC.stream(usage);
    return Stream.of(
        DynamicTest.dynamicTest("message as JSON", () -> messagesExchange(
            Endpoint.MESSAGES, false, ScriptedUpstream.json(json), json)),
        DynamicTest.dynamicTest("message as events", () -> messagesExchange(
            Endpoint.MESSAGES, true, ScriptedUpstream.stream(events), events)),
        DynamicTest.dynamicTest("count_tokens", () -> messagesExchange(
            Endpoint.MESSAGES_COUNT_TOKENS, false, ScriptedUpstream.json("{\"input_tokens\":12}"),
            "{\"input_tokens\":12}")));
  }

  private void messagesExchange(
      Endpoint endpoint, boolean stream, ScriptedUpstream.Reply reply, String answer)
      throws InterruptedException {
    ScriptedUpstream upstream = upstream(reply);
    DataPlane plane = planeAt(upstream.base());
    String body = "{\"model\":\"test-model\",\"max_tokens\":64,\"system\":[{\"type\":\"text\","
        + "\"text\":\"You are Claude Code.\",\"cache_control\":{\"type\":\"ephemeral\","
        + "\"ttl\":\"1h\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]"
        + (stream ? ",\"stream\":true}" : "}");
    Map<String, String> anthropic = Map.of("anthropic-version", "2023-06-01",
        "anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
    UpstreamRequest plain = request(endpoint, stream, PATIENT);
    UpstreamRequest request = new UpstreamRequest(endpoint, body.getBytes(UTF_8), stream,
        plain.requestId(), plain.upstreamModel(), plain.tenant(), plain.objective(),
        plain.fairnessId(), plain.timeout(), anthropic);

    StreamReader.Read read = exchange(plane, request);

    assertThat(read.failure()).isEmpty();
    assertThat(read.text()).isEqualTo(answer);
    ScriptedUpstream.Seen seen = upstream.takeRequest();
    assertForwarded(seen, request);
    assertThat(seen.header("anthropic-version")).contains("2023-06-01");
    assertThat(seen.header("anthropic-beta"))
        .contains("claude-code-20250219,interleaved-thinking-2025-05-14");
  }

  /** A request as the gateway builds one; {@code timeout} bounds the wait for the head. */
  protected static UpstreamRequest request(Endpoint endpoint, boolean stream, Duration timeout) {
    String body = "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}" : "}");
    return new UpstreamRequest(endpoint, body.getBytes(UTF_8), stream, RequestId.of("req-contract"),
        ModelName.of("test-model"), TenantId.of("tenant-contract"), Optional.of("interactive"),
        Optional.of("tenant-contract"), timeout);
  }

  private record ShapedEvent(UsageShape shape, EconomicEvent event) {}

  private Stream<ShapedEvent> expressible() {
    List<UsageShape> shapes = usageShapes().stream().sorted().toList();
    assertThat(shapes).as("an adapter reads at least OpenAI's own usage").contains(UsageShape.OPENAI);
    return shapes.stream().flatMap(shape -> Stream.of(EconomicEvent.values())
        .filter(shape::canExpress).map(event -> new ShapedEvent(shape, event)));
  }

  /** Per shape, the first event with the most non-zero parts it can carry. */
  private Stream<ShapedEvent> richestPerShape() {
    return usageShapes().stream().sorted().map(shape -> Stream.of(EconomicEvent.values())
        .filter(shape::canExpress)
        .reduce((best, next) -> parts(next) > parts(best) ? next : best)
        .map(event -> new ShapedEvent(shape, event)).orElseThrow());
  }

  private static int parts(EconomicEvent event) {
    TokenUsage u = event.usage();
    long[] all = {u.inputTokens(), u.cachedInputTokens(), u.cacheWriteInputTokens(),
        u.outputTokens(), u.reasoningTokens()};
    return (int) Arrays.stream(all).filter(n -> n > 0).count();
  }

  private static StreamReader.Read exchange(DataPlane plane, UpstreamRequest request) {
    try (UpstreamResponse response = plane.send(request)) {
      assertThat(response.head().status()).isEqualTo(200);
      return StreamReader.readAll(response.body());
    }
  }

  private static void assertForwarded(ScriptedUpstream.Seen seen, UpstreamRequest request) {
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.path()).isEqualTo(request.endpoint().path());
    assertThat(seen.body()).isEqualTo(request.body());
    assertThat(seen.header("x-request-id")).contains(request.requestId().value());
  }

  private ScriptedUpstream upstream(ScriptedUpstream.Reply reply) {
    ScriptedUpstream upstream = ScriptedUpstream.start(reply);
    open.add(upstream);
    return upstream;
  }

  private DataPlane planeAt(URI base) {
    DataPlane plane = dataPlaneAt(base, PATIENT);
    if (plane instanceof AutoCloseable closeable) {
      open.add(closeable);
    }
    return plane;
  }
}
