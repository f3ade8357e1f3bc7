package dev.tollgate.app.logging;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.port.out.RequestOutcome;
import dev.tollgate.port.out.RequestTelemetry;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per {@code /v1} request, at INFO on the logger {@value #LOGGER}: the route and status
 * as the message, and as key-value pairs (top-level fields in JSON) the request id, tenant, key
 * id, model, tokens, the cost the ledger recorded (exact USD), Tollgate's overhead and the wait on
 * the data plane. Built only from a {@link RequestOutcome}'s ids and counts: no request body, no
 * header, no key, so nothing secret can reach the line.
 */
public final class AccessLog implements RequestTelemetry {

  public static final String LOGGER = "tollgate.access";

  private final Logger log = LoggerFactory.getLogger(LOGGER);

  @Override
  public void answered(RequestOutcome o) {
    if (!log.isInfoEnabled()) {
      return;
    }
    LoggingEventBuilder line = log.atInfo()
        .setMessage(o.endpoint().path() + " " + o.status())
        .addKeyValue("route", o.endpoint().path())
        .addKeyValue("status", o.status());
    o.ticket().ifPresent(t -> admitted(line, t));
    o.denial().ifPresent(d -> line.addKeyValue("denial", d.name().toLowerCase(Locale.ROOT)));
    o.usage().ifPresent(u -> line.addKeyValue("input_tokens", u.promptTokens())
        .addKeyValue("output_tokens", u.completionTokens()));
    line.addKeyValue("cost_usd", o.recordedCost().toPlainUsd())
        .addKeyValue("stream", o.stream())
        .addKeyValue("overhead_ms", millis(o.overheadNanos()));
    if (o.upstreamNanos() >= 0) {
      line.addKeyValue("upstream_ms", millis(o.upstreamNanos()));
    }
    line.log();
  }

  private static void admitted(LoggingEventBuilder line, AdmissionTicket t) {
    line.addKeyValue("request_id", t.requestId().value())
        .addKeyValue("tenant", t.key().owner().tenant().value())
        .addKeyValue("key_id", t.key().id().value())
        .addKeyValue("model", t.model().name().value());
  }

  /** Milliseconds with microsecond digits, as the overhead header has them ({@code 0.412}). */
  static String millis(long nanos) {
    long micros = Math.max(0, nanos) / 1_000;
    String fraction = Long.toString(1_000 + micros % 1_000).substring(1);
    return (micros / 1_000) + "." + fraction;
  }
}
