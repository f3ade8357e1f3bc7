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
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

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
 * with what it has collected.
 */
public final class PostgresSpendLedger implements SpendLedger {

  /**
   * Most entries per transaction. A batch's fixed costs (its statements, the settlement's reads of
   * budgets and accounts, two commits and the journal's checkpoint) are spread over more entries
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
    partitions.ensure(batch);
    try {
      return db.inTransaction("append to ledger", tx -> LedgerAppend.append(tx, batch, claims));
    } catch (StoreUnavailableException e) {
      if (!NO_PARTITION.equals(Db.sqlState(e))) {
        throw e;
      }
      // A month this process had seen was dropped by retention since: create it and go again.
      partitions.forget();
      partitions.ensure(batch);
      return db.inTransaction("append to ledger", tx -> LedgerAppend.append(tx, batch, claims));
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
            row.outputTokens(), row.reasoningTokens(), row.cacheWrite1hInputTokens(),
            row.audioMs()));
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
              r.outputTokens(), r.reasoningTokens(), r.cacheWrite1hInputTokens(),
              r.audioMs())));
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
