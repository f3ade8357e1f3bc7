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
 * {@code GET /readyz}. Readiness: 200 {@code ready}; while the database
 * is unreachable, 200 {@code degraded} when the service keeps serving from local state (taking
 * every replica out of rotation would defeat the switch), 503 {@code unavailable} when it refuses
 * requests anyway. Either body says why and since when. {@code /healthz} stays liveness.
 * Metrics ({@code GET /metrics}) are dev.tollgate.app.metrics's.
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
    Head.get(rules, "/readyz", this::ready);
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
}
