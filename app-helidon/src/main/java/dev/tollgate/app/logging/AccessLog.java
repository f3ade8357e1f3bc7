package dev.tollgate.app.logging;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.port.out.RequestOutcome;
import dev.tollgate.port.out.RequestTelemetry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
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
public final class AccessLog implements RequestTelemetry, AutoCloseable {

  public static final String LOGGER = "tollgate.access";
  /** The most key-value pairs a line has, keys and values counted apart. */
  private static final int MAX_PAIR_SLOTS = 26;
  /** How late a line may reach standard error (the service's lines, gathered: {@link LineBuffer}). */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);

  private final Logger log = LoggerFactory.getLogger(LOGGER);
  private final AccessLine direct;
  private final LineBuffer out;

  /** Lines through SLF4J, to whatever provider and configuration the host has. */
  public AccessLog() {
    this(null, null);
  }

  private AccessLog(AccessLine direct, LineBuffer out) {
    this.direct = direct;
    this.out = out;
  }

  /**
   * As the service's logging is set up: when {@link Logging#configure} set up Logback, lines go
   * to standard error in its format (the bytes its encoder would write), gathered and written a
   * chunk at a time ({@link LineBuffer}: a line is written within {@link #FLUSH_INTERVAL}, and a
   * stop, {@link #close}, writes what waits); otherwise through SLF4J.
   *
   * <p>The chunks are {@code write}s on file descriptor 2, not calls on {@code System.err}: that
   * stream holds its monitor across the blocking write, requests queued on it, and each was handed
   * the monitor through the JDK's unblocker thread (a third of that thread's wake-ups under load,
   * docs/benchmarks.md, fifteenth session). One line per {@code write}, as Logback's console
   * appender does, was a system call per request: 3.3 % of the service's CPU at 32 connections
   * (docs/benchmarks.md, nineteenth session). A chunk holds whole lines only, so a line is never
   * split between writes.
   */
  public static AccessLog forService() {
    return Logging.configuredFormat()
        .map(format -> new AccessLog(new AccessLine(format, ZoneId.systemDefault()),
            new LineBuffer(new FileOutputStream(FileDescriptor.err), FLUSH_INTERVAL)))
        .orElseGet(AccessLog::new);
  }

  /** Writes the lines still waiting; later lines are written one at a time. */
  @Override
  public void close() {
    if (out != null) {
      out.close();
    }
  }

  @Override
  public void answered(RequestOutcome o) {
    if (!log.isInfoEnabled()) {
      return;
    }
    String message = o.endpoint().path() + " " + o.status();
    String[] pairs = new String[MAX_PAIR_SLOTS];
    int n = pairs(o, pairs);
    if (direct != null) {
      out.add(direct.format(System.currentTimeMillis(), Thread.currentThread().getName(), message,
          pairs, n).getBytes(StandardCharsets.UTF_8));
      return;
    }
    LoggingEventBuilder line = log.atInfo().setMessage(message);
    for (int k = 0; k < n; k += 2) {
      line.addKeyValue(pairs[k], pairs[k + 1]);
    }
    line.log();
  }

  /** The line's key-value pairs in order, keys at even indexes; answers how many slots it filled. */
  static int pairs(RequestOutcome o, String[] pairs) {
    int n = 0;
    n = put(pairs, n, "route", o.endpoint().path());
    n = put(pairs, n, "status", Integer.toString(o.status()));
    if (o.ticket().isPresent()) {
      AdmissionTicket t = o.ticket().get();
      n = put(pairs, n, "request_id", t.requestId().value());
      n = put(pairs, n, "tenant", t.key().owner().tenant().value());
      n = put(pairs, n, "key_id", t.key().id().value());
      n = put(pairs, n, "model", t.model().name().value());
    }
    if (o.denial().isPresent()) {
      n = put(pairs, n, "denial", o.denial().get().name().toLowerCase(Locale.ROOT));
    }
    if (o.usage().isPresent()) {
      n = put(pairs, n, "input_tokens", Long.toString(o.usage().get().promptTokens()));
      n = put(pairs, n, "output_tokens", Long.toString(o.usage().get().completionTokens()));
    }
    n = put(pairs, n, "cost_usd", o.recordedCost().toPlainUsd());
    n = put(pairs, n, "stream", Boolean.toString(o.stream()));
    n = put(pairs, n, "overhead_ms", millis(o.overheadNanos()));
    if (o.upstreamNanos() >= 0) {
      n = put(pairs, n, "upstream_ms", millis(o.upstreamNanos()));
    }
    return n;
  }

  private static int put(String[] pairs, int n, String key, String value) {
    pairs[n] = key;
    pairs[n + 1] = value;
    return n + 2;
  }

  /** Milliseconds with microsecond digits, as the overhead header has them ({@code 0.412}). */
  static String millis(long nanos) {
    long micros = Math.max(0, nanos) / 1_000;
    String fraction = Long.toString(1_000 + micros % 1_000).substring(1);
    return (micros / 1_000) + "." + fraction;
  }
}
