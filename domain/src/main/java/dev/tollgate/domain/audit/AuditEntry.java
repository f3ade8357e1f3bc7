package dev.tollgate.domain.audit;

import dev.tollgate.domain.tenancy.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One administrative change: who, what, on which object, its state before and after (flat field
 * maps, never a secret or a key hash), and when. {@code sequence} is assigned by the log on append
 * (0 before), increasing in append order.
 *
 * @param tenant the tenant the object belongs to; empty for platform objects such as prices
 */
public record AuditEntry(
    long sequence,
    Instant at,
    String actor,
    Optional<TenantId> tenant,
    String action,
    String objectType,
    String objectId,
    Map<String, String> before,
    Map<String, String> after) {

  public static final int MAX_FIELDS = 64;

  public AuditEntry {
    if (at == null || actor == null || tenant == null || action == null || objectType == null
        || objectId == null || before == null || after == null) {
      throw new IllegalArgumentException("every audit field is required (maps may be empty)");
    }
    if (before.size() > MAX_FIELDS || after.size() > MAX_FIELDS) {
      throw new IllegalArgumentException("at most " + MAX_FIELDS + " fields per state");
    }
    before = java.util.Collections.unmodifiableMap(new TreeMap<>(before));
    after = java.util.Collections.unmodifiableMap(new TreeMap<>(after));
  }

  public AuditEntry withSequence(long assigned) {
    return new AuditEntry(assigned, at, actor, tenant, action, objectType, objectId, before, after);
  }
}
