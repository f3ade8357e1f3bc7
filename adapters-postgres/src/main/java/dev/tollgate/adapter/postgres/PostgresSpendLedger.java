package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.LedgerMapper.EntryRow;
import dev.tollgate.adapter.postgres.LedgerMapper.GroupRow;
import dev.tollgate.adapter.postgres.LedgerMapper.TotalRow;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendCell;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The spend ledger in monthly partitions of {@code ledger_entries}, idempotent through
 * {@code ledger_request_ids}, with totals and breakdowns over whole days read from
 * {@code ledger_daily}.
 *
 * <p>{@link #appendAll} writes at most {@link #MAX_BATCH} entries per transaction, each batch by
 * {@code COPY} ({@link LedgerStaging}: new entries straight into the ledger's tables, a batch
 * holding recorded ids through a staging table and one statement). Taking ledger
 * writes off the request path (a bounded queue flushed by size and time, and the local journal
 * that outlives a database outage) belongs to the app's wiring, which calls {@code appendAll}
 * with what it has collected, or, with leased budgets, {@link #postingOn}'s joint append.
 */
public final class PostgresSpendLedger implements SpendLedger {

  /**
   * Most entries per transaction. A batch's fixed costs (its statements, the posting's reads of
   * budgets and accounts, its commit and the journal's checkpoint) are spread over more entries
   * the bigger it is; the bound keeps a transaction, and the account locks the settlement of the
   * same batch takes, well under a second.
   */
  public static final int MAX_BATCH = 2_000;

  private static final int MAX_PAGE = 10_000;
  private static final String NO_PARTITION = "23514";

  private final Db db;
  private final LedgerPartitions partitions;
  private final FreshFirst claims = new FreshFirst();

  PostgresSpendLedger(Db db) {
    this.db = db;
    this.partitions = new LedgerPartitions(db);
  }

  @Override
  public AppendResult append(SpendEntry entry) {
    return appendAll(List.of(entry)).getFirst();
  }

  @Override
  public List<AppendResult> appendAll(List<SpendEntry> entries) {
    List<AppendResult> results = new ArrayList<>(entries.size());
    for (int from = 0; from < entries.size(); from += MAX_BATCH) {
      List<SpendEntry> batch = entries.subList(from, Math.min(entries.size(), from + MAX_BATCH));
      results.addAll(appendBatch(batch.stream().map(LedgerRows::storable).toList()));
    }
    return results;
  }

  private List<AppendResult> appendBatch(List<SpendEntry> batch) {
    return inLedgerTransaction("append to ledger", batch,
        tx -> LedgerAppend.append(tx, batch, claims));
  }

  /**
   * {@code work} on {@code batch} (storable entries) in one transaction, its month's partition
   * made first, and again after making it once more if retention dropped it meanwhile.
   */
  private <T> T inLedgerTransaction(String what, List<SpendEntry> batch, Function<Tx, T> work) {
    partitions.ensure(batch);
    try {
      return db.inTransaction(what, work);
    } catch (StoreUnavailableException e) {
      if (!NO_PARTITION.equals(Db.sqlState(e))) {
        throw e;
      }
      // A month this process had seen was dropped by retention since: create it and go again.
      partitions.forget();
      partitions.ensure(batch);
      return db.inTransaction(what, work);
    }
  }

  /**
   * Joint posting when {@code budgets} are this database's ({@link PostgresStores}' own): a batch's
   * ids are claimed marked {@code posted} (V30) and their costs posted on the budgets' accounts in
   * the same transaction, so the ledger's claim is the posting's and {@code budget_settlements}
   * gets no row for them. An entry recorded before without the mark (an append that did not post,
   * or a version before V30 that stopped between its two steps) is posted through the budgets'
   * own claim, at most once; one recorded with it is not posted again. The first step is this
   * JVM's part (the rows and their copies encoded, the rollup's sums, the postings grouped), the
   * second the transaction: the journal's forwarder prepares the next batch while the database
   * works on this one.
   *
   * <p>A batch of {@link #APART_FROM} entries or more (a backlog's: the journal fills its batches
   * only when entries queue up) goes in two transactions on two connections instead, as a ledger
   * and a budget store apart would: the ledger's append in the first step, unmarked, then the
   * posting through the budgets' claims, of every entry but those recorded with the mark. The
   * journal's pipeline then runs one batch's posting beside the next one's append: a drain gets
   * two backends' work at once where one transaction serializes it.
   */
  @Override
  public Optional<JointPosting> postingOn(BudgetStore budgets) {
    return budgets instanceof PostgresBudgetStore b && b.keptIn(db)
        ? Optional.of((entries, postingOf, now) -> appendAndPost(entries, postingOf, now, b))
        : Optional.empty();
  }

  /**
   * The batch size from which a joint posting runs as two transactions ({@link #postingOn}). Fresh
   * drains of 2,000-entry batches ran at 30,000-44,000 entries a second in one transaction against
   * 43,000-54,000 in two (five interleaved pairs), while at 32 connections, where a batch holds a
   * few hundred entries, one transaction took 19 % off PostgreSQL's CPU a request
   * (docs/benchmarks.md, "Issue 14, thirty-first session").
   */
  static final int APART_FROM = 1_000;

  private AppendStep appendAndPost(List<SpendEntry> entries,
      Function<SpendEntry, BudgetStore.Settle> postingOf, Instant now, PostgresBudgetStore budgets) {
    List<JointBatch> batches = new ArrayList<>();
    for (int from = 0; from < entries.size(); from += MAX_BATCH) {
      batches.add(new JointBatch(
          entries.subList(from, Math.min(entries.size(), from + MAX_BATCH)), postingOf));
    }
    for (JointBatch b : batches) {
      b.appendApart(); // a backlog's batch: the ledger's transaction, beside the batch before's posting
    }
    return () -> {
      List<AppendResult> results = new ArrayList<>(entries.size());
      for (JointBatch b : batches) {
        results.addAll(b.finish(budgets, now));
      }
      return results;
    };
  }

  /** One transaction's batch of a joint posting, prepared: its rows, and its entries' postings. */
  private final class JointBatch {
    private final List<SpendEntry> batch;
    private final List<SpendEntry> storable;
    private final boolean apart;
    private final LedgerAppend.Prepared prepared;
    private final Function<SpendEntry, BudgetStore.Settle> postingOf;
    /** Each request's posting, of its first entry in the batch, in the batch's order. */
    private final Map<String, BudgetStore.Settle> postings = new LinkedHashMap<>();
    /** All of {@link #postings} grouped, for the usual batch whose every id it claims (null apart). */
    private final PostingTargets.Chains grouped;
    /** A batch posted apart: what its append did, once done. */
    private LedgerAppend.Appended appended;

    private JointBatch(List<SpendEntry> batch, Function<SpendEntry, BudgetStore.Settle> postingOf) {
      this.batch = batch;
      this.storable = batch.stream().map(LedgerRows::storable).toList();
      this.apart = batch.size() >= APART_FROM;
      this.prepared = LedgerAppend.prepare(storable, !apart);
      this.postingOf = postingOf;
      for (SpendEntry e : batch) {
        // a repeat in the batch: the first is what is recorded, and posted
        postings.computeIfAbsent(e.requestId().value(), id -> postingOf.apply(e));
      }
      List<BudgetStore.Settle> all = PostgresBudgetStore.checked(List.copyOf(postings.values()));
      this.grouped = apart ? null : PostingTargets.group(all);
    }

    private void appendApart() {
      if (apart) {
        appended = inLedgerTransaction("append to ledger", storable,
            tx -> LedgerAppend.append(tx, prepared, claims));
      }
    }

    private List<AppendResult> finish(PostgresBudgetStore budgets, Instant now) {
      if (apart) {
        db.inTransaction("post on budgets", tx -> post(tx, appended, budgets, now));
        return appended.results();
      }
      return inLedgerTransaction("append to ledger and post", storable, tx -> {
        LedgerAppend.Appended done = LedgerAppend.append(tx, prepared, claims);
        post(tx, done, budgets, now);
        return done.results();
      });
    }

    /**
     * Posts what {@code done} recorded: the ids it claimed without a claim of their own when they
     * were claimed marked (in this transaction), through the budgets' claims when not (apart);
     * those recorded before, through the budgets' claims unless recorded with the mark.
     */
    private Void post(Tx tx, LedgerAppend.Appended done, PostgresBudgetStore budgets, Instant now) {
      List<BudgetStore.Settle> claimedHere = new ArrayList<>(postings.size());
      Map<String, BudgetStore.Settle> unclaimed = new LinkedHashMap<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < batch.size(); i++) {
        String id = batch.get(i).requestId().value();
        if (!seen.add(id)) {
          continue;
        }
        if (done.claimed().contains(id)) {
          claimedHere.add(postings.get(id));
        } else {
          // the ledger kept the first event; the budget follows the ledger
          unclaimed.put(id, done.results().get(i) instanceof AppendResult.ExistsWithDifferentEvent d
              ? postingOf.apply(d.recorded()) : postings.get(id));
        }
      }
      List<BudgetStore.Settle> toClaim = new ArrayList<>();
      if (!unclaimed.isEmpty()) {
        Set<String> posted = new HashSet<>(tx.mapper(LedgerMapper.class)
            .postedAmong(unclaimed.keySet().toArray(String[]::new)));
        unclaimed.forEach((id, s) -> {
          if (!posted.contains(id)) {
            toClaim.add(s);
          }
        });
      }
      if (apart) {
        toClaim.addAll(0, claimedHere); // claimed unmarked: their posting claims as settleAll's do
        budgets.postJointly(tx, PostingTargets.group(List.of()), toClaim, now);
      } else {
        budgets.postJointly(tx, claimedHere.size() == postings.size()
            ? grouped : PostingTargets.group(claimedHere), toClaim, now);
      }
      return null;
    }
  }

  @Override
  public Optional<SpendEntry> find(RequestId request) {
    List<EntryRow> rows = db.read("find ledger entry",
        tx -> tx.mapper(LedgerMapper.class).recorded(List.of(request.value())));
    return rows.stream().findFirst().map(LedgerRows::toEntry);
  }

  @Override
  public SpendTotal total(SpendQuery query) {
    TotalRow row = db.read("total ledger",
        tx -> tx.mapper(LedgerMapper.class).total(LedgerFilters.forTotal(query)));
    return new SpendTotal(
        row.requests(),
        Money.ofNanoUsd(row.costNanoUsd()),
        new TokenUsage(row.inputTokens(), row.cachedInputTokens(), row.cacheWriteInputTokens(),
            row.outputTokens(), row.reasoningTokens(), row.cacheWrite1hInputTokens()));
  }

  /**
   * One GROUP BY over the rows {@link #total} reads: the daily rollup for the whole UTC days of the
   * range, raw entries for the partial days at its ends. The rollup carries every filter
   * (tenant, team, key, model) and every grouping's column, so no query needs more raw rows than
   * its total does, and the groups sum to the total exactly.
   */
  @Override
  public List<SpendGroup> breakdown(SpendQuery query, SpendGrouping grouping) {
    List<GroupRow> rows = db.read("break down ledger", tx -> tx.mapper(LedgerMapper.class)
        .breakdown(LedgerFilters.forTotal(query,
            rawOnly(grouping)),
            grouping.name()));
    TreeMap<String, SpendTotal> byGroup = new TreeMap<>(); // Java's order, whatever the collation
    for (GroupRow r : rows) {
      byGroup.put(r.grp(), new SpendTotal(r.requests(), Money.ofNanoUsd(r.costNanoUsd()),
          new TokenUsage(r.inputTokens(), r.cachedInputTokens(), r.cacheWriteInputTokens(),
              r.outputTokens(), r.reasoningTokens(), r.cacheWrite1hInputTokens())));
    }
    List<SpendGroup> groups = new ArrayList<>(byGroup.size());
    byGroup.forEach((group, total) -> groups.add(new SpendGroup(group, total)));
    return groups;
  }

  /**
   * One statement ({@link LedgerSeriesMapper#series}) over the rows {@link #breakdown} reads: the
   * groups' totals and each day's top cells and rest, so they agree with one another and with
   * {@link #breakdown} by day for each group, to the nano-dollar.
   */
  @Override
  public SpendSeries series(SpendQuery query, SpendGrouping grouping, int top) {
    return series(query, grouping, top, Integer.MAX_VALUE);
  }

  /** {@link #series} with the ranking's cut made in the same statement: rows + 1 totals leave it. */
  @Override
  public SpendSeries series(SpendQuery query, SpendGrouping grouping, int top, int rows) {
    if (grouping == SpendGrouping.DAY || top < 1 || top > SpendSeries.MAX_TOP || rows < 1) {
      throw new IllegalArgumentException("a series splits days by an owner, top 1.."
          + SpendSeries.MAX_TOP + ", rows at least 1");
    }
    List<LedgerSeriesMapper.SeriesRow> found = db.read("chart ledger", tx -> tx
        .mapper(LedgerSeriesMapper.class)
        .series(LedgerFilters.forTotal(query,
            rawOnly(grouping)),
            grouping.name(), top, Math.max(top, rows)));
    List<SpendGroup> groups = new ArrayList<>();
    List<SpendCell> cells = new ArrayList<>(found.size());
    SpendTotal unlisted = SpendTotal.NONE;
    int unlistedGroups = 0;
    for (LedgerSeriesMapper.SeriesRow r : found) {
      if (r.day() == null && r.grp() == null) {
        unlisted = r.total();
        unlistedGroups = Math.toIntExact(r.members());
      } else if (r.day() == null) {
        groups.add(new SpendGroup(r.grp(), r.total()));
      } else {
        cells.add(new SpendCell(LocalDate.parse(r.day()), Optional.ofNullable(r.grp()), r.total()));
      }
    }
    // Listed are the costliest max(top, rows), so that the top groups are ranked among them.
    return SpendSeries.assemble(groups, cells, top, unlisted, unlistedGroups).listing(rows);
  }

  @Override
  public List<SpendEntry> entries(SpendQuery query, int offset, int limit) {
    if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("offset >= 0 and limit 0.." + MAX_PAGE);
    }
    if (limit == 0) {
      return List.of();
    }
    return db.read("list ledger entries",
            tx -> tx.mapper(LedgerMapper.class).entries(LedgerFilters.forEntries(query, offset,
                limit)))
        .stream().map(LedgerRows::toEntry).toList();
  }

  /** Groupings the daily rollup cannot answer: it has no end user, no session, no tags. */
  private static boolean rawOnly(SpendGrouping grouping) {
    return grouping == SpendGrouping.END_USER || grouping == SpendGrouping.SESSION
        || grouping == SpendGrouping.TAG;
  }
}
