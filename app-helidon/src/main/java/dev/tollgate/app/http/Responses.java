package dev.tollgate.app.http;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.port.out.UpstreamResponseHead;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Writing responses: errors in OpenAI's shape, and the headers every admitted response carries.
 *
 * <ul>
 *   <li>{@code x-request-id}: Tollgate's request id (the ledger key);
 *   <li>{@code x-tollgate-cost-usd}: what the request cost (non-streamed responses);
 *   <li>{@code x-tollgate-max-cost-usd}: what was held for it (streams: the cost is known only at
 *       the end; the ledger has it);
 *   <li>{@code x-tollgate-budget-remaining-usd}: what the tightest budget over the request has
 *       left (absent when no budget applies);
 *   <li>{@code x-tollgate-max-tokens-clamped}: the output bound the request was lowered to because
 *       its budget could not pay for what it asked (the tenant's clamp policy; absent otherwise);
 *   <li>{@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}}: OpenAI's headers, from the
 *       tightest window of each kind (absent when no limit applies).
 * </ul>
 */
public final class Responses {

  public static final HeaderName REQUEST_ID = HeaderNames.create("x-request-id");
  public static final HeaderName COST = HeaderNames.create("x-tollgate-cost-usd");
  public static final HeaderName MAX_COST = HeaderNames.create("x-tollgate-max-cost-usd");
  public static final HeaderName REMAINING = HeaderNames.create("x-tollgate-budget-remaining-usd");
  public static final HeaderName MAX_TOKENS_CLAMPED = HeaderNames.create("x-tollgate-max-tokens-clamped");

  private Responses() {}

  /** Sends an OpenAI-shaped error, unless a response already went out (then there is nothing to do). */
  public static void error(ServerResponse res, ApiError error) {
    if (res.isSent()) {
      return;
    }
    res.status(error.status());
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    error.retryAfterSeconds().ifPresent(s -> res.header(HeaderNames.RETRY_AFTER, s));
    res.send(error.body());
  }

  /**
   * Sets a header whose value Tollgate made (a number, an amount, its own id; never a client's or
   * a data plane's text) in Helidon's cached form, whose whole line is put together once. A header
   * set from a string is copied when set and has its values listed again when written: five
   * allocations a header, for the ten or so of every admitted response.
   */
  public static void own(ServerResponse res, HeaderName name, String value) {
    res.header(HeaderValues.createCached(name, value));
  }

  public static void admittedHeaders(ServerResponse res, AdmissionTicket ticket) {
    own(res, REQUEST_ID, ticket.requestId().value());
    ticket.clampedCompletionTokens().ifPresent(n -> own(res, MAX_TOKENS_CLAMPED, Long.toString(n)));
    rateHeaders(res, ticket, RateKind.REQUESTS, REQUEST_RATE);
    rateHeaders(res, ticket, RateKind.TOKENS, TOKEN_RATE);
  }

  public static void budgetRemaining(ServerResponse res, Optional<Money> remaining) {
    remaining.ifPresent(m -> own(res, REMAINING, m.max(Money.ZERO).toPlainUsd()));
  }

  /**
   * The head of an admitted answer relayed whole: the admission's headers, what it cost, what
   * remains of the tightest budget after it, and the upstream's content type ({@code fallback}
   * when it gave none).
   */
  public static void answered(ServerResponse res, AdmissionTicket ticket, Money cost,
      UpstreamResponseHead upstream, String fallback) {
    admittedHeaders(res, ticket);
    own(res, COST, cost.toPlainUsd());
    budgetRemaining(res, ticket.remainingAfter(cost));
    res.header(HeaderNames.CONTENT_TYPE, upstream.header("content-type").orElse(fallback));
  }

  /**
   * The head of an admitted stream, sent before its cost is known: the admission's headers, the
   * most it can cost (its hold), what remains of the tightest budget with the hold placed, and the
   * upstream's content type, uncached.
   */
  public static void streaming(ServerResponse res, AdmissionTicket ticket,
      UpstreamResponseHead upstream) {
    admittedHeaders(res, ticket);
    own(res, MAX_COST, ticket.heldAmount().toPlainUsd());
    budgetRemaining(res, ticket.tightestBudgetRemaining());
    res.header(HeaderNames.CONTENT_TYPE,
        upstream.header("content-type").orElse("text/event-stream"));
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
  }

  /** One kind's three header names, made once: a name made per response is parsed per response. */
  private record RateHeaderNames(HeaderName limit, HeaderName remaining, HeaderName reset) {
    static RateHeaderNames of(String kind) {
      return new RateHeaderNames(HeaderNames.create("x-ratelimit-limit-" + kind),
          HeaderNames.create("x-ratelimit-remaining-" + kind),
          HeaderNames.create("x-ratelimit-reset-" + kind));
    }
  }

  private static final RateHeaderNames REQUEST_RATE = RateHeaderNames.of("requests");
  private static final RateHeaderNames TOKEN_RATE = RateHeaderNames.of("tokens");

  /** The tightest window of the kind (least remaining), if the request passed one. */
  private static void rateHeaders(
      ServerResponse res, AdmissionTicket t, RateKind kind, RateHeaderNames names) {
    RateReceipt tightest = null;
    for (RateReceipt r : t.rateReceipts()) {
      if (r.kind() == kind && (tightest == null || r.remaining() < tightest.remaining())) {
        tightest = r;
      }
    }
    if (tightest != null) {
      own(res, names.limit(), Long.toString(tightest.limit()));
      own(res, names.remaining(), Long.toString(tightest.remaining()));
      own(res, names.reset(), openAiDuration(tightest.resetAfter()));
    }
  }

  /** OpenAI writes resets like {@code 1s}, {@code 6m0s}, {@code 20ms}. */
  static String openAiDuration(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = (ms + 999) / 1000;
    return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
  }
}
