package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.IdempotencyRecord;
import dev.tollgate.port.out.IdempotencyStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Idempotency records by scope and key; a claim is one atomic putIfAbsent. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

  private record Slot(String scope, String key) {}

  private final Map<Slot, IdempotencyRecord> records = new ConcurrentHashMap<>();

  @Override
  public Optional<IdempotencyRecord> claim(IdempotencyRecord pending) {
    return Optional.ofNullable(records.putIfAbsent(new Slot(pending.scope(), pending.key()), pending));
  }

  @Override
  public void complete(String scope, String key, String resultId) {
    records.computeIfPresent(new Slot(scope, key), (s, r) -> new IdempotencyRecord(
        r.scope(), r.key(), r.fingerprint(), Optional.of(resultId), r.createdAt()));
  }

  @Override
  public void release(String scope, String key) {
    records.computeIfPresent(new Slot(scope, key), (s, r) -> r.resultId().isEmpty() ? null : r);
  }

  @Override
  public int expire(Instant cutoff) {
    int before = records.size();
    records.values().removeIf(r -> r.createdAt().isBefore(cutoff));
    return Math.max(0, before - records.size());
  }
}
