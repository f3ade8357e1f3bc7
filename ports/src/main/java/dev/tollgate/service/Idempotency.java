package dev.tollgate.service;

import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.out.IdempotencyRecord;
import dev.tollgate.port.out.IdempotencyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creates under an idempotency key: claim the key, create, record the result's id. A retry with
 * the same key and the same request answers the first result; with a different request it is a
 * conflict; while the first is still running, a conflict too. Keys are per tenant (or the
 * platform) and per operation, and are forgotten after a day.
 */
final class Idempotency {

  private final IdempotencyStore store;
  private final Clock clock;

  Idempotency(IdempotencyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  <T> AdminResult<T> create(Actor actor, String operation, Optional<String> key,
      String fingerprint, Supplier<AdminResult<T>> create, Function<T, String> idOf,
      Function<String, AdminResult<T>> replay) {
    if (key.isEmpty()) {
      return create.get();
    }
    String scope = actor.tenant().map(t -> "tenant:" + t.value()).orElse("platform") + "/"
        + operation;
    Optional<IdempotencyRecord> existing = store.claim(
        new IdempotencyRecord(scope, key.get(), fingerprint, Optional.empty(), clock.instant()));
    if (existing.isPresent()) {
      IdempotencyRecord first = existing.get();
      if (!first.fingerprint().equals(fingerprint)) {
        return new AdminResult.Conflict<>(
            "This Idempotency-Key was used for a different request.");
      }
      return first.resultId().map(replay)
          .orElseGet(() -> new AdminResult.Conflict<>(
              "A request with this Idempotency-Key is still in progress; retry shortly."));
    }
    AdminResult<T> result;
    try {
      result = create.get();
    } catch (RuntimeException e) {
      store.release(scope, key.get());
      throw e;
    }
    if (result instanceof AdminResult.Done<T> done) {
      store.complete(scope, key.get(), idOf.apply(done.value()));
    } else {
      store.release(scope, key.get());
    }
    return result;
  }

  /** A digest of a request's parts; sets and maps are sorted so the order of fields never matters. */
  static String fingerprint(Object... parts) {
    StringBuilder canonical = new StringBuilder();
    for (Object part : parts) {
      canonical.append(canonical(part)).append('\u0000');
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(
          sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String canonical(Object part) {
    if (part instanceof Map<?, ?> map) {
      TreeMap<String, String> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
      return sorted.toString();
    }
    if (part instanceof Collection<?> c) {
      TreeSet<String> sorted = new TreeSet<>();
      c.forEach(x -> sorted.add(canonical(x)));
      return sorted.toString();
    }
    if (part instanceof Optional<?> o) {
      return o.map(Idempotency::canonical).orElse("<none>");
    }
    return String.valueOf(part);
  }
}
