package dev.tollgate.benchmarks.ingest;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A backlog shaped like a busy gateway's: {@link #TENANTS} tenants with {@link #KEYS_PER_TENANT}
 * keys each, three models, a team on every other key, entries a millisecond apart, ids as one
 * instance of the service issues them ({@link RequestId#ordered}; with {@code
 * -Dtollgate.ingest.ids=unordered} as the service issued them before the twenty-ninth session,
 * {@code req_<16 hex>_<hex counter>}). Entry i costs i % 1000 + 1 nano-USD, so the expected total
 * is computable.
 */
record IngestEntries(long instance, Instant start) {

  private static final boolean UNORDERED =
      "unordered".equals(System.getProperty("tollgate.ingest.ids"));

  static final int TENANTS = 10;
  static final int KEYS_PER_TENANT = 10;
  static final ModelName[] MODELS = {
    ModelName.of("gpt-4o-mini"), ModelName.of("llama3:8b"), ModelName.of("claude-haiku")
  };

  static TenantId tenant(int t) {
    return TenantId.of("tenant-" + t);
  }

  static KeyId key(int t, int k) {
    return KeyId.of("key-" + t + "-" + k);
  }

  static Owner owner(int t, int k) {
    return k % 2 == 0 ? Owner.tenant(tenant(t)) : Owner.team(tenant(t), TeamId.of("team-" + t));
  }

  SpendEntry entry(int i) {
    int t = i % TENANTS;
    int k = (i / TENANTS) % KEYS_PER_TENANT;
    Instant at = start.plusMillis(i);
    return new SpendEntry(
        id(i, at),
        owner(t, k),
        key(t, k),
        MODELS[i % MODELS.length],
        i % 7 == 0 ? Optional.of(EndUserId.of("user-" + (i % 1000))) : Optional.empty(),
        new TokenUsage(30 + i % 500, i % 5, 0, 16 + i % 300, 0),
        UsageSource.REPORTED,
        Money.ofNanoUsd(costOf(i)),
        Instant.EPOCH,
        at,
        at.plusMillis(200),
        false);
  }

  private RequestId id(int i, Instant at) {
    return UNORDERED
        ? RequestId.of("req_" + HexFormat.of().toHexDigits(instance) + "_" + Long.toHexString(i + 1L))
        : RequestId.ordered(at.toEpochMilli(), instance, i + 1L);
  }

  static long costOf(int i) {
    return i % 1000 + 1;
  }

  static long costOfFirst(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += costOf(i);
    }
    return sum;
  }
}
