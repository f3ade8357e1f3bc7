package dev.tollgate.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.local.StoreHealth;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code GET /readyz} and {@code GET /metrics}. Readiness: 200 {@code ready}; while the database
 * is unreachable, 200 {@code degraded} when the service keeps serving from local state (taking
 * every replica out of rotation would defeat the switch), 503 {@code unavailable} when it refuses
 * requests anyway. Either body says why and since when. {@code /healthz} stays liveness.
 * Metrics are Prometheus text.
 */
public final class StatusService implements HttpService {

  private final ServiceStatus status;
  private final ObjectMapper mapper;

  public StatusService(ServiceStatus status, ObjectMapper mapper) {
    this.status = status;
    this.mapper = mapper;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/readyz", this::ready).get("/metrics", this::metrics);
  }

  private void ready(ServerRequest req, ServerResponse res) {
    Optional<StoreHealth.Degradation> degradation = status.degradation();
    ObjectNode body = mapper.createObjectNode();
    if (degradation.isEmpty()) {
      body.put("status", "ready");
    } else {
      boolean serving = status.servesWhileDegraded();
      body.put("status", serving ? "degraded" : "unavailable");
      body.put("reason", status.reasonOf(degradation.get()));
      body.put("journal_stalled", status.journalStall().get().isPresent());
      body.put("since", degradation.get().since().toString());
      body.put("serving", serving);
      body.put("journal_backlog", status.journalBacklog().getAsInt());
      if (!serving) {
        res.status(Status.SERVICE_UNAVAILABLE_503);
      }
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    try {
      res.send(mapper.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void metrics(ServerRequest req, ServerResponse res) {
    StringBuilder out = new StringBuilder(512);
    gauge(out, "tollgate_degraded", "1 while the database is unreachable", status.degradation().isPresent() ? 1 : 0);
    gauge(out, "tollgate_journal_backlog_entries", "spend records written locally, not yet in the ledger",
        status.journalBacklog().getAsInt());
    gauge(out, "tollgate_journal_stalled", "1 while the journal forwarder makes no progress",
        status.journalStall().get().isPresent() ? 1 : 0);
    status.health().ifPresent(h -> {
      counter(out, "tollgate_store_errors_total", "failed calls to the shared store", h.storeErrors());
      counter(out, "tollgate_store_refusals_total",
          "statements the reachable store refused (not an outage)", h.storeRefusals());
      counter(out, "tollgate_lease_refills_total", "budget lease holds placed on the shared store", h.leaseRefills());
      counter(out, "tollgate_local_syncs_total", "background syncs of local state", h.syncs());
    });
    status.sharedState().ifPresent(f -> SharedStateMetrics.append(out, f));
    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    res.send(out.toString());
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    metric(out, name, help, "gauge", value);
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    metric(out, name, help, "counter", value);
  }

  private static void metric(StringBuilder out, String name, String help, String type, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(' ').append(type).append('\n')
        .append(name).append(' ').append(value).append('\n');
  }
}
