package dev.tollgate.adapter.journal;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The journal's record of one request, which every settled request encodes on its own thread
 * before the journal's lock: a served chat completion's entry as the load benchmark's requests
 * make it ({@code plain}), and the same with an end user and a model name that needs JSON escaping
 * ({@code escaped}); and the same two records decoded, as recovery decodes every record of a
 * backlog before the journal opens ({@code decodePlain}, {@code decodeEscaped}). In the benchmarks
 * module's copy of the journal's package, as the codec is the journal's own.
 */
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class JournalRecordBenchmark {

  private final SpendEntry plain = entry("gpt-4o-mini", Optional.empty());
  private final SpendEntry escaped = entry("caf\u00e9 \"mini\"", Optional.of(EndUserId.of("user-42")));
  /** The two entries as the journal holds them, for the decode benchmarks. */
  private final byte[] plainRecord = EntryCodec.encode(plain);
  private final byte[] escapedRecord = EntryCodec.encode(escaped);

  private static SpendEntry entry(String model, Optional<EndUserId> user) {
    Instant started = Instant.parse("2026-12-06T10:15:30.123456789Z");
    return new SpendEntry(RequestId.ordered(started.toEpochMilli(), 0xf1413771c4L, 0x3a8a2e),
        Owner.tenant(TenantId.of("bench")), KeyId.of("key_9445e499476700b7eb03d95d"),
        ModelName.of(model), user, new TokenUsage(12, 0, 0, 8, 0, 0),
        UsageSource.REPORTED, Money.ofNanoUsd(6_600), Instant.parse("2026-12-06T09:00:00Z"),
        started, started.plusNanos(187_654_321), false, Optional.<SessionId>empty(), Tags.NONE);
  }

  @Benchmark
  public byte[] plain() {
    return EntryCodec.encode(plain);
  }

  @Benchmark
  public byte[] escaped() {
    return EntryCodec.encode(escaped);
  }

  @Benchmark
  public SpendEntry decodePlain() throws IOException {
    return EntryCodec.decode(plainRecord);
  }

  @Benchmark
  public SpendEntry decodeEscaped() throws IOException {
    return EntryCodec.decode(escapedRecord);
  }
}
