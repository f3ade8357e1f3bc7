import dev.tollgate.adapter.journal.JournalSettings;
import dev.tollgate.adapter.journal.JournaledSpendLedger;
import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a request waits for in the spend journal: the latency of JournaledSpendLedger.append (the
 * request path's one journal call) from THREADS threads for SECONDS seconds, on the journal's own
 * defaults (group fsync every 20 ms, checkpoint at most once a second) with an in-memory ledger, so
 * the database is out of the picture. Run it against two builds' libs to compare:
 *
 *   java -cp 'app-helidon/target/libs/*' benchmarks/load/JournalAppendLatency.java [seconds] [threads] [pause-us] [segment-bytes]
 *
 * SEGMENT-BYTES below the default 64 MiB makes segments roll often (a roll is the one append that
 * opens a file); run it beside a writer that keeps the disk busy (a loop of dd ... conv=fsync) to
 * see what an append waits for when an fsync is slow.
 */
public class JournalAppendLatency {
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    long pauseMicros = args.length > 2 ? Long.parseLong(args[2]) : 200;
    Path dir = Files.createTempDirectory("journal-latency");
    JournalSettings defaults = JournalSettings.defaults(dir);
    JournalSettings settings = args.length > 3 ? new JournalSettings(dir, Long.parseLong(args[3]),
        defaults.maxJournalBytes(), defaults.fsyncInterval(), defaults.maxBatch(),
        defaults.maxBatchDelay(), defaults.maxBackoff(), defaults.recentIds()) : defaults;
    long[][] samples = new long[threads][];
    int[] counts = new int[threads];
    AtomicLong ids = new AtomicLong();
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(new InMemorySpendLedger(), settings)) {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      Thread[] ts = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        int me = t;
        samples[t] = new long[2_000_000];
        ts[t] = Thread.ofVirtual().start(() -> {
          while (System.nanoTime() < end && counts[me] < samples[me].length) {
            SpendEntry e = entry("r" + ids.incrementAndGet());
            long t0 = System.nanoTime();
            journal.append(e);
            samples[me][counts[me]++] = System.nanoTime() - t0;
            java.util.concurrent.locks.LockSupport.parkNanos(pauseMicros * 1000);
          }
        });
      }
      for (Thread t : ts) {
        t.join();
      }
    }
    long[] all = new long[Arrays.stream(counts).sum()];
    int k = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(samples[t], 0, all, k, counts[t]);
      k += counts[t];
    }
    Arrays.sort(all);
    System.out.printf("appends %d in %d s, %d threads, %d-byte segments: p50 %.3f ms, p99 %.3f ms,"
        + " p99.9 %.3f ms, p99.99 %.3f ms, max %.3f ms, over 5 ms: %d, over 50 ms: %d%n", all.length,
        seconds, threads, settings.maxSegmentBytes(), ms(all, 0.5), ms(all, 0.99), ms(all, 0.999),
        ms(all, 0.9999), all[all.length - 1] / 1e6, Arrays.stream(all).filter(n -> n > 5_000_000).count(),
        Arrays.stream(all).filter(n -> n > 50_000_000).count());
  }

  private static double ms(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
  }

  private static SpendEntry entry(String id) {
    Instant now = Instant.now();
    return new SpendEntry(RequestId.of(id), Owner.tenant(TenantId.of("acme")), KeyId.of("key_1"),
        ModelName.of("m"), Optional.empty(), TokenUsage.of(10, 10), UsageSource.REPORTED,
        Money.ofNanoUsd(1_000), now, now, now, false);
  }
}
