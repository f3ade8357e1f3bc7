package dev.tollgate.app.report;

import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ReportSpend;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The spend ledger as RFC 4180 CSV: a header row, then one row per entry in the ledger's order
 * (start time, then request id), read page by page so an export never holds the ledger in memory.
 * {@code cost_usd} is the entry's exact cost with nine decimals, so the column sums to the ledger's
 * total to the nano-dollar. A cell that a spreadsheet would run as a formula (it starts with
 * {@code = + - @}, a tab or a carriage return) is prefixed with {@code '}: ids and model names
 * come from clients and tenants. {@code tags} holds the entry's tags joined by commas (so quoted
 * when there are two or more). The columns added since come after it: Anthropic's 1-hour cache
 * writes and the seconds of audio a transcription read (to the millisecond).
 */
public final class SpendCsv {

  public static final List<String> COLUMNS = List.of(
      "request_id", "started_at", "recorded_at", "tenant", "team", "key", "model", "end_user",
      "input_tokens", "cached_input_tokens", "cache_write_input_tokens", "output_tokens",
      "reasoning_tokens", "source", "cost_usd", "price_effective_from", "overage", "session",
      "tags", "cache_write_1h_input_tokens", "audio_seconds");

  /** Entries read per page. */
  public static final int PAGE_SIZE = 1_000;

  /** The most pages one export reads (ten million rows): an explicit bound, far above real use. */
  public static final int MAX_PAGES = 10_000;

  private static final String CRLF = "\r\n";

  private SpendCsv() {}

  /**
   * Writes the entries {@code actor} may see for {@code query}. A refusal (another tenant's query
   * from a tenant admin) is answered before anything is written.
   *
   * @return the number of rows written, or the refusal
   */
  public static AdminResult<Long> write(
      ReportSpend spend, Actor actor, SpendQuery query, Writer out) throws IOException {
    AdminResult<List<SpendEntry>> first = spend.entries(actor, query, 0, PAGE_SIZE);
    if (!(first instanceof AdminResult.Done<List<SpendEntry>> page)) {
      return first.refusal();
    }
    out.write(header());
    long rows = 0;
    List<SpendEntry> entries = page.value();
    for (int pages = 1; ; pages++) {
      for (SpendEntry e : entries) {
        out.write(row(e));
      }
      rows += entries.size();
      if (entries.size() < PAGE_SIZE || pages >= MAX_PAGES) {
        break;
      }
      AdminResult<List<SpendEntry>> next = spend.entries(actor, query, Math.toIntExact(rows), PAGE_SIZE);
      if (!(next instanceof AdminResult.Done<List<SpendEntry>> more)) {
        throw new IllegalStateException("a spend export was refused after its first page: " + next);
      }
      entries = more.value();
    }
    out.flush();
    return AdminResult.done(rows);
  }

  /** The header line, CRLF-terminated. */
  public static String header() {
    return String.join(",", COLUMNS) + CRLF;
  }

  /** One entry as a CSV line, CRLF-terminated, in {@link #COLUMNS} order. */
  public static String row(SpendEntry e) {
    var usage = e.usage();
    List<String> cells = List.of(
        e.requestId().value(),
        e.startedAt().toString(),
        e.recordedAt().toString(),
        e.owner().tenant().value(),
        e.owner().team().map(t -> t.value()).orElse(""),
        e.key().value(),
        e.model().value(),
        e.endUser().map(u -> u.value()).orElse(""),
        Long.toString(usage.inputTokens()),
        Long.toString(usage.cachedInputTokens()),
        Long.toString(usage.cacheWriteInputTokens()),
        Long.toString(usage.outputTokens()),
        Long.toString(usage.reasoningTokens()),
        e.source().name().toLowerCase(Locale.ROOT),
        e.cost().toUsd().toPlainString(),
        e.priceEffectiveFrom().toString(),
        Boolean.toString(e.overage()),
        e.session().map(x -> x.value()).orElse(""),
        e.tags().joined(),
        Long.toString(usage.cacheWrite1hInputTokens()),
        java.math.BigDecimal.valueOf(usage.audioMillis(), 3).toPlainString());
    StringBuilder line = new StringBuilder(160);
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(cell(cells.get(i)));
    }
    return line.append(CRLF).toString();
  }

  /** A value as one CSV cell: defused if a spreadsheet would evaluate it, quoted if it must be. */
  static String cell(String value) {
    String safe = startsLikeAFormula(value) ? "'" + value : value;
    boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
        || safe.indexOf('\r') >= 0;
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }

  private static boolean startsLikeAFormula(String value) {
    if (value.isEmpty()) {
      return false;
    }
    char c = value.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }
}
