package dev.tollgate.port.in;

import dev.tollgate.domain.reconcile.BucketReport;
import java.util.List;

/** The reconciliation reports, newest first (the platform administrator's view). */
public interface ReadReconciliation {

  List<BucketReport> recent(int limit);
}
