package dev.tollgate.benchmarks.ingest;

import dev.tollgate.adapter.journal.JournalSettings;
import dev.tollgate.adapter.journal.JournaledSpendLedger;
import dev.tollgate.adapter.local.BudgetPostingLedger;
import dev.tollgate.adapter.local.PostingListener;
import dev.tollgate.adapter.postgres.PostgresMigrations;
import dev.tollgate.adapter.postgres.PostgresPool;
import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How fast the journal's forwarder drains a backlog into PostgreSQL. The backlog is written the
 * way an outage leaves it (the journal appends while the ledger refuses everything), then the
 * journal is reopened over the real ledger, as at the next start, and timed from open until every
 * entry is forwarded. A second round replays the same entries (a crash between forwarding and the
 * checkpoint): all duplicates, which must change nothing. Both rounds are checked against the
 * expected totals before a rate is printed, with the CPU per entry of this JVM, of the run's
 * PostgreSQL backends, and of the journal's forwarding and finishing threads: what the
 * forwarding thread does not spend of an entry's wall time, it waits on the ledger's statements
 * and commit (docs/benchmarks.md, twenty-fifth session).
 *
 * <pre>
 * java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar \
 *     dev.tollgate.benchmarks.ingest.LedgerIngest \
 *     [entries=200000] [posting|ledger] [journal batch=the journal's default]
 * </pre>
 *
 * <p>The heap flags give this JVM the heap of a service that has run: sized, and every page of it
 * written once. Without them the JVM grows its heap through the drain, and the kernel's zeroing
 * of each new page and G1's copying were half of this JVM's CPU in a profile of a fresh drain
 * (docs/benchmarks.md, nineteenth session).
 *
 * {@code posting} (the default) forwards through the shared budgets' posting as the service does,
 * and checks the budgets' posted totals against the ledger's; {@code ledger} to the ledger alone.
 * {@code -Dtollgate.ingest.warmup=N} first drains (and replays) N other entries, untimed and two
 * days earlier: the JVM of a service that ran through the outage has compiled the forwarding path
 * already, a restarted one has not (the default, 0).
 * The database is {@code TOLLGATE_TEST_JDBC_URL} (default the local {@code test} database); the
 * run uses a schema of its own and drops it at the end.
 */
public final class LedgerIngest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration DRAIN_BOUND = Duration.ofMinutes(10);
  /** Held here: a logger only configured, never referenced, is collected with its level. */
  private static final Logger JOURNAL_LOG = Logger.getLogger("dev.tollgate.adapter.journal");

  /** {@code -Dtollgate.ingest.replay=false}: fresh drains only (a schema experiment may lack the index a replay reads). */
  private static final boolean REPLAY = !"false".equals(System.getProperty("tollgate.ingest.replay"));

  private LedgerIngest() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    boolean posting = args.length < 2 || args[1].equals("posting");
    Integer batch = args.length > 2 ? Integer.valueOf(args[2]) : null;
    String url = Optional.ofNullable(System.getenv("TOLLGATE_TEST_JDBC_URL"))
        .orElse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres")
        + "&ApplicationName=" + BackendCpu.APPLICATION;
    JOURNAL_LOG.setLevel(Level.OFF); // the simulated outage's retries
    String schema = "bench_ingest_" + Long.toHexString(System.nanoTime());
    try (PostgresStores pg = PostgresStores.open(url, schema, PostgresPool.Settings.defaults())) {
      try {
        PostgresMigrations.migrate(pg.dataSource(), schema);
        String what = System.getProperty("tollgate.ingest.sql");
        if (what != null) {
          try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            s.execute(what);
          }
        }
        run(pg, n, posting, batch);
      } finally {
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    }
  }

  private static void run(PostgresStores pg, int n, boolean posting, Integer batch)
      throws Exception {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    IngestEntries entries = new IngestEntries(RANDOM.nextLong(), start);
    SpendLedger target = pg.stores().ledger();
    if (posting) {
      budgets(pg);
      target = new BudgetPostingLedger(target, pg.stores().budgets(), PostingListener.NONE,
          Clock.systemUTC());
    }
    System.out.printf(Locale.ROOT, "ledger ingest: %,d entries, %s, journal batch %s, %d cores%n",
        n, posting ? "ledger + budget posting (as the service forwards)" : "ledger only",
        batch == null ? "default" : batch, Runtime.getRuntime().availableProcessors());
    BackendCpu backends = new BackendCpu(pg.dataSource());
    int warmup = Integer.getInteger("tollgate.ingest.warmup", 0);
    if (warmup > 0) {
      IngestEntries earlier = new IngestEntries(RANDOM.nextLong(),
          start.minus(Duration.ofDays(2)));
      drain(target, earlier, warmup, "warm-up", backends, batch);
      if (REPLAY) {
        drain(target, earlier, warmup, "warm-up", backends, batch);
      }
    }
    double fresh = drain(target, entries, n, "fresh", backends, batch);
    check(pg, start, n, posting);
    double replay = Double.NaN;
    if (REPLAY) {
      replay = drain(target, entries, n, "replay", backends, batch);
      check(pg, start, n, posting);
    }
    System.out.printf(Locale.ROOT, "RESULT fresh=%.0f replay=%.0f entries/s%n", fresh, replay);
  }

  /** A backlog of n entries written during an outage, then drained: entries per second. */
  private static double drain(SpendLedger target, IngestEntries entries, int n, String round,
      BackendCpu backends, Integer batch) throws Exception {
    Path dir = Files.createTempDirectory("tollgate-ingest-");
    JournalSettings settings = withBatch(JournalSettings.defaults(dir), batch);
    try (JournaledSpendLedger outage = JournaledSpendLedger.open(new RefusingLedger(), settings)) {
      for (int i = 0; i < n; i++) {
        outage.append(entries.entry(i));
      }
    }
    long t0 = System.nanoTime();
    long cpu0 = processCpuNanos();
    long db0 = backends.nanos();
    long wal0 = backends.walBytes();
    long deadline = t0 + DRAIN_BOUND.toNanos();
    long forwarding;
    long finishing;
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(target, settings)) {
      while (journal.unforwardedCount() > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not drained within " + DRAIN_BOUND);
        }
        Thread.sleep(2);
      }
      // the journal's threads started with it: their CPU so far is this drain's
      forwarding = threadCpuNanos("tollgate-journal-forward");
      finishing = threadCpuNanos("tollgate-journal-finish");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuMicrosPerEntry = (processCpuNanos() - cpu0) / 1e3 / n;
    double dbMicrosPerEntry = (backends.nanos() - db0) / 1e3 / n;
    long walPerEntry = (backends.walBytes() - wal0) / n;
    double rate = n / seconds;
    System.out.printf(Locale.ROOT, "%-7s %,d entries drained in %.2f s: %,.0f entries/s;"
        + " CPU per entry: this JVM %.1f us, its PostgreSQL backends %.1f us%n",
        round, n, seconds, rate, cpuMicrosPerEntry, dbMicrosPerEntry);
    System.out.printf(Locale.ROOT, "%-7s of this JVM's: the forwarding thread %.1f us (of %.1f us"
        + " an entry of wall time: the rest it waits on the ledger), the finishing thread %.1f us;"
        + " WAL %d bytes an entry%n",
        "", forwarding / 1e3 / n, seconds * 1e6 / n, finishing / 1e3 / n, walPerEntry);
    deleteTree(dir);
    return rate;
  }

  /** The defaults with another batch size (null: unchanged). */
  private static JournalSettings withBatch(JournalSettings s, Integer batch) {
    return batch == null ? s : new JournalSettings(s.directory(), s.maxSegmentBytes(),
        s.maxJournalBytes(), s.fsyncInterval(), batch, s.maxBatchDelay(), s.maxBackoff(),
        s.recentIds(), s.stallAfter());
  }

  /** The ledger's totals, and with {@code posting} the budgets' posted totals against them. */
  private static void check(PostgresStores pg, Instant start, int n, boolean posting) {
    checkLedger(pg.stores().ledger(), start, n);
    if (posting) {
      checkPosted(pg, start);
    }
  }

  private static void checkLedger(SpendLedger ledger, Instant start, int n) {
    SpendTotal total = ledger.total(new SpendQuery(Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), start.minusSeconds(1), start.plus(Duration.ofDays(1))));
    long cost = IngestEntries.costOfFirst(n);
    if (total.requests() != n || total.cost().nanoUsd() != cost) {
      throw new IllegalStateException("the ledger holds " + total.requests() + " entries costing "
          + total.cost().nanoUsd() + " nano-USD; expected " + n + " costing " + cost);
    }
  }

  /**
   * The tenants' budgets posted exactly what the ledger holds in their month (the warm-up's
   * entries too when they fell in it): each cost posted once, fresh or replayed.
   */
  private static void checkPosted(PostgresStores pg, Instant start) {
    List<Scope> tenants = new ArrayList<>();
    for (int t = 0; t < IngestEntries.TENANTS; t++) {
      tenants.add(Scope.tenant(IngestEntries.tenant(t)));
    }
    List<BudgetSnapshot> snapshots = pg.stores().budgets().snapshots(tenants, start);
    if (snapshots.size() != tenants.size()) {
      throw new IllegalStateException("a tenant has no budget to check");
    }
    long posted = 0;
    for (BudgetSnapshot s : snapshots) {
      posted = Math.addExact(posted, s.posted().nanoUsd());
    }
    PeriodWindow month = snapshots.getFirst().window();
    SpendTotal total = pg.stores().ledger().total(new SpendQuery(Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), month.start(), month.end()));
    if (posted != total.cost().nanoUsd()) {
      throw new IllegalStateException("the budgets posted " + posted + " nano-USD; the ledger"
          + " holds " + total.cost().nanoUsd() + " in their month");
    }
  }

  /** A monthly budget on every tenant and key, so that posting locks and updates accounts. */
  private static void budgets(PostgresStores pg) {
    Money limit = Money.usd("1000000");
    for (int t = 0; t < IngestEntries.TENANTS; t++) {
      pg.stores().budgets().putBudget(
          Budget.of(Scope.tenant(IngestEntries.tenant(t)), limit, BudgetPeriod.monthly()));
      for (int k = 0; k < IngestEntries.KEYS_PER_TENANT; k++) {
        pg.stores().budgets().putBudget(
            Budget.of(Scope.key(IngestEntries.key(t, k)), limit, BudgetPeriod.monthly()));
      }
    }
  }

  /** CPU time of the live threads named {@code name} (a journal's, which start at its open). */
  private static long threadCpuNanos(String name) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long nanos = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        nanos += Math.max(0, threads.getThreadCpuTime(t.threadId()));
      }
    }
    return nanos;
  }

  /** CPU time of this JVM, every thread: the forwarder's cost, not the database's. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
