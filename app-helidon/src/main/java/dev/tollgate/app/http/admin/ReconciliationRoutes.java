package dev.tollgate.app.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.http.ApiError;
import dev.tollgate.domain.reconcile.BucketReport;
import dev.tollgate.domain.reconcile.ModelDifference;
import dev.tollgate.port.in.ReadReconciliation;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /admin/v1/reconciliation}: the reconciliation reports, newest first
 * (docs/observability.md). The platform administrator's only: they sum every tenant's traffic.
 */
final class ReconciliationRoutes {

  private final ReadReconciliation reports;
  private final AdminJson json;

  /** {@code reports} is null when reconciliation is off: the route answers {@code enabled: false}. */
  ReconciliationRoutes(ReadReconciliation reports, AdminJson json) {
    this.reports = reports;
    this.json = json;
  }

  List<AdminRoute> routes() {
    return List.of(AdminRoute.get("/admin/v1/reconciliation", this::list));
  }

  private void list(AdminCall c) {
    if (!c.actor().isPlatform()) { // refused before anything of the request is judged
      c.error(new ApiError(403, "invalid_request_error", "permission_denied",
          "Reconciliation covers every tenant: the platform administrator reads it.", null,
          Optional.empty()));
      return;
    }
    c.onlyQuery(Set.of("limit"));
    int limit = c.limit();
    ArrayNode data = json.array();
    List<BucketReport> found = reports == null ? List.of() : reports.recent(limit);
    found.forEach(r -> data.add(report(r)));
    ObjectNode body = json.list(data, false);
    body.put("enabled", reports != null);
    c.json(200, body);
  }

  private ObjectNode report(BucketReport r) {
    ObjectNode n = json.object();
    n.put("object", "reconciliation.bucket");
    n.put("bucket_start", r.bucketStart().toString());
    n.put("from", r.from().toString());
    n.put("to", r.to().toString());
    n.put("status", r.status().wireName());
    n.put("ran_by", r.ranBy());
    if (r.error().isPresent()) {
      n.put("error", r.error().get());
    } else {
      n.putNull("error");
    }
    n.put("mismatch", !r.mismatches().isEmpty());
    ArrayNode models = n.putArray("models");
    for (ModelDifference m : r.models()) {
      ObjectNode o = models.addObject();
      o.put("model", m.model());
      o.put("ledger_input_tokens", m.ledgerInput());
      o.put("data_plane_input_tokens", m.dataPlaneInput());
      o.put("input_difference", m.inputDifference());
      o.put("ledger_output_tokens", m.ledgerOutput());
      o.put("data_plane_output_tokens", m.dataPlaneOutput());
      o.put("output_difference", m.outputDifference());
      o.put("counter_reset", m.lowerBound());
      o.put("mismatch", m.mismatch());
    }
    return n;
  }
}
