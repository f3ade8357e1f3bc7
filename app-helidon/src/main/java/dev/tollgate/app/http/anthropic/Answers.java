package dev.tollgate.app.http.anthropic;

import dev.tollgate.app.http.ApiError;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.app.http.Gateway;
import dev.tollgate.app.http.OnceSettled;
import dev.tollgate.app.http.RequestTrace;
import dev.tollgate.app.http.Responses;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.UpstreamResponseHead;
import dev.tollgate.wire.anthropic.MessagesRequest;
import dev.tollgate.wire.anthropic.MessagesText;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * The data plane's answer to a Messages request, passed to the client unedited and charged from
 * the usage it carried:
 *
 * <ul>
 *   <li>an Anthropic error ({@code {"type":"error",…}}) is relayed as it is, status, body and
 *       {@code retry-after}; any other error body is put in Anthropic's shape by its status;
 *   <li>a whole message is settled before it is sent (a 2xx answer is always in the ledger);
 *   <li>a stream is relayed event by event and settled at its end: from its final
 *       {@code message_delta} when it came, else (the client or the upstream left early) from the
 *       input side {@code message_start} reported and the output counted from the text relayed;
 *   <li>count_tokens is never charged.
 * </ul>
 */
final class Answers {

  private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

  private final Gateway gw;

  Answers(Gateway gw) {
    this.gw = gw;
  }

  /** @param trace whose upstream clock and data-plane call end as the body is read */
  void answer(ServerResponse res, MessagesRequest request, OnceSettled once,
      UpstreamResponse upstream, long promptTokens, RequestTrace trace) {
    UpstreamResponseHead head = upstream.head();
    if (!head.isSuccess()) {
      byte[] body = read(upstream, MAX_ERROR_BODY_BYTES, trace).orElse(new byte[0]);
      once.settle(new SettleCommand.Failed("upstream " + head.status()));
      relayError(res, head, body);
    } else if (request.endpoint() == Endpoint.MESSAGES_COUNT_TOKENS) {
      Optional<byte[]> body = read(upstream, gw.maxResponseBytes(), trace);
      once.settle(new SettleCommand.Failed("count_tokens is not charged"));
      sendWhole(res, once.ticket(), head, body, Money.ZERO);
    } else if (request.stream()) {
      stream(res, once, upstream, promptTokens, trace);
    } else {
      whole(res, once, upstream, promptTokens, trace);
    }
  }

  static ApiError unavailable(DataPlaneException e) {
    return switch (e.kind()) {
      case UNREACHABLE -> new ApiError(502, "upstream_error", "upstream_unreachable",
          "The model backend could not be reached. Please retry.", null,
          Optional.of(Duration.ofSeconds(1)));
      case TIMEOUT -> new ApiError(504, "upstream_error", "upstream_timeout",
          "The model backend did not answer in time.", null, Optional.empty());
    };
  }

  private void relayError(ServerResponse res, UpstreamResponseHead head, byte[] body) {
    if (head.isJson() && isAnthropicError(body)) {
      res.status(head.status());
      res.header(HeaderNames.CONTENT_TYPE, head.header("content-type").orElse("application/json"));
      head.header("retry-after").ifPresent(v -> res.header(HeaderNames.RETRY_AFTER, v));
      head.header("x-should-retry").ifPresent(v -> res.header("x-should-retry", v));
      res.send(body);
      return;
    }
    AnthropicError.of(ApiError.of(gw.dataPlane().errorOf(head, body))).send(res);
  }

  /** {@code {"type":"error",…}}: Anthropic's envelope, which the SDKs read as it is. */
  private boolean isAnthropicError(byte[] body) {
    try {
      com.fasterxml.jackson.databind.JsonNode root = gw.mapper().readTree(body);
      return root != null && "error".equals(root.path("type").asText(""))
          && root.path("error").isObject();
    } catch (IOException e) {
      return false;
    }
  }

  private void whole(ServerResponse res, OnceSettled once, UpstreamResponse upstream,
      long promptTokens, RequestTrace trace) {
    Optional<byte[]> read = read(upstream, gw.maxResponseBytes(), trace);
    if (read.isEmpty()) {
      once.settle(new SettleCommand.Failed("upstream body broke"));
      AnthropicError.of(new ApiError(502, "upstream_error", "upstream_broken",
          "The model backend's response broke off.", null, Optional.of(Duration.ofSeconds(1))))
          .send(res);
      return;
    }
    byte[] body = read.get();
    if (!isObject(body)) {
      once.settle(new SettleCommand.Failed("upstream answered " + upstream.head().status()
          + " with a body that is not JSON"));
      AnthropicError.of(new ApiError(502, "upstream_error", "upstream_bad_response",
          "The model backend answered with a body that is not JSON.", null, Optional.empty()))
          .send(res);
      return;
    }
    SettleCommand.Completed done = gw.dataPlane().messagesUsageIn(body, 0, body.length)
        .map(u -> new SettleCommand.Completed(u.toTokenUsage(), UsageSource.REPORTED))
        .orElseGet(() -> estimated(promptTokens, MessagesUsage.EMPTY,
            MessagesText.produced(gw.mapper(), body)));
    Money cost = once.settle(done).cost();
    sendWhole(res, once.ticket(), upstream.head(), read, cost);
  }

  private static void sendWhole(ServerResponse res, AdmissionTicket ticket,
      UpstreamResponseHead head, Optional<byte[]> body, Money cost) {
    if (body.isEmpty()) {
      AnthropicError.of(new ApiError(502, "upstream_error", "upstream_broken",
          "The model backend's response broke off.", null, Optional.of(Duration.ofSeconds(1))))
          .send(res);
      return;
    }
    Responses.answered(res, ticket, cost, head, "application/json");
    res.send(body.get());
  }

  private void stream(ServerResponse res, OnceSettled once, UpstreamResponse upstream,
      long promptTokens, RequestTrace trace) {
    AdmissionTicket ticket = once.ticket();
    Responses.streaming(res, ticket, upstream.head());
    OutputStream out = res.outputStream();
    trace.upstreamBegins();
    MessagesRelay.Result result = new MessagesRelay(gw.dataPlane(), gw.mapper())
        .relay(trace.timingFirstToken(upstream.body()), out);
    trace.upstreamEnds();
    // Settled before the stream's last bytes are closed: a stream the client saw end is recorded.
    once.settle(streamed(result, promptTokens));
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      // the client already left; its stream is charged above
    }
  }

  /** Charge what a stream produced; nothing only if it broke before producing anything. */
  private SettleCommand.CallOutcome streamed(MessagesRelay.Result r, long promptTokens) {
    if (r.usage().isPresent() && r.finalUsage()) {
      return new SettleCommand.Completed(r.usage().get().toTokenUsage(), UsageSource.REPORTED);
    }
    if (r.upstreamBroken() && r.eventsRelayed() == 0) {
      return new SettleCommand.Failed("upstream stream broke before any event");
    }
    return estimated(promptTokens, r.usage().orElse(MessagesUsage.EMPTY), r.producedText());
  }

  /**
   * The input side as reported when {@code message_start} came (exact, cache parts included),
   * else the prompt estimate; the output as the larger of what was reported and what was counted.
   */
  private SettleCommand.Completed estimated(long promptTokens, MessagesUsage seen, String text) {
    TokenUsage reported = seen.toTokenUsage();
    long output = Math.max(reported.outputTokens(), gw.tokens().count(text));
    TokenUsage usage = seen.inputTokens().isPresent()
        ? new TokenUsage(reported.inputTokens(), reported.cachedInputTokens(),
            reported.cacheWriteInputTokens(), output, 0, reported.cacheWrite1hInputTokens())
        : TokenUsage.of(promptTokens, output);
    return new SettleCommand.Completed(usage, UsageSource.ESTIMATED);
  }

  /** A 2xx whose body is not a JSON object is nothing a client could use: not charged. */
  private boolean isObject(byte[] body) {
    try {
      return gw.mapper().readTree(body) instanceof com.fasterxml.jackson.databind.node.ObjectNode;
    } catch (IOException e) {
      return false;
    }
  }

  /** The body, up to {@code max}; empty when it broke. The data-plane call ends with it. */
  private static Optional<byte[]> read(UpstreamResponse upstream, long max, RequestTrace trace) {
    trace.upstreamBegins();
    try {
      return Optional.of(Bodies.readUpTo(upstream, max));
    } catch (IOException e) {
      return Optional.empty();
    } finally {
      trace.upstreamEnds();
    }
  }
}
