package dev.tollgate.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.report.SpendCsv;
import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.AuditLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** {@code tollgate spend …} (reports and CSV exports from the ledger) and {@code tollgate audit …}. */
final class SpendCommands {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SpendCommands() {}

  private static final List<Flag> QUERY_FLAGS = List.of(
      Flag.value("from", "WHEN", "entries started at or after (instant or UTC date; default: the"
          + " 1st of this month)"),
      Flag.value("to", "WHEN", "entries started before (default: now)"),
      Flag.value("tenant", "TENANT", "only this tenant"),
      Flag.value("team", "TEAM", "only this team of --tenant"),
      Flag.value("key", "KEY_ID", "only this key"),
      Flag.value("model", "MODEL", "only this model"),
      Flag.value("end-user", "USER", "only this end user (the requests' user)"),
      Flag.value("session", "SESSION", "only this client session (X-Claude-Code-Session-Id)"));

  static Group spend() {
    List<Flag> report = new ArrayList<>(QUERY_FLAGS);
    report.add(Flag.value("by", "GROUPING", "day (default), tenant, team, key, model, end-user or session"));
    List<Flag> export = new ArrayList<>(QUERY_FLAGS);
    export.add(Flag.value("out", "FILE", "write the CSV here instead of to stdout"));
    return new Group("spend", "Spend from the ledger, exact to the nano-dollar.", List.of(
        new Command("report", List.of(), report, "the total and a breakdown", SpendCommands::report),
        new Command("export", List.of(), export, "every entry as CSV (RFC 4180)",
            SpendCommands::export)));
  }

  static Group audit() {
    return new Group("audit", "The log of administrative changes, newest first.", List.of(
        new Command("list", List.of(), List.of(
            Flag.value("tenant", "TENANT", "only this tenant's entries"),
            Flag.value("before", "SEQ", "entries older than this sequence number (to page)"),
            Flag.value("limit", "N", "at most N entries (default 50)"),
            Flag.toggle("json", "one JSON object per entry and line, before/after in full")),
            "list audit entries", SpendCommands::auditList)));
  }

  private static void report(Args a, CliContext ctx) {
    SpendQuery query = query(a, ctx);
    SpendGrouping grouping = a.get("by", g -> SpendGrouping.valueOf(g.toUpperCase(Locale.ROOT).replace('-', '_')))
        .orElse(SpendGrouping.DAY);
    SpendTotal total = Outcomes.done(ctx.admin().spend().total(ctx.actor(), query), "spend");
    List<SpendGroup> groups = Outcomes.done(
        ctx.admin().spend().breakdown(ctx.actor(), query, grouping), "spend");
    ctx.out().println("spend from " + query.from() + " to " + query.to());
    Text.fields(ctx.out(), List.of(
        Map.entry("requests", Long.toString(total.requests())),
        Map.entry("cost_usd", total.cost().toUsd().toPlainString()),
        Map.entry("tokens", tokens(total.usage()))));
    ctx.out().println();
    Text.table(ctx.out(), List.of(grouping.name(), "REQUESTS", "COST_USD", "INPUT", "CACHED_INPUT",
            "CACHE_WRITE_INPUT", "OUTPUT", "REASONING"),
        groups.stream().map(g -> List.of(g.group().isEmpty() ? "-" : g.group(),
            Long.toString(g.total().requests()), g.total().cost().toUsd().toPlainString(),
            Long.toString(g.total().usage().inputTokens()),
            Long.toString(g.total().usage().cachedInputTokens()),
            Long.toString(g.total().usage().cacheWriteInputTokens()),
            Long.toString(g.total().usage().outputTokens()),
            Long.toString(g.total().usage().reasoningTokens()))).toList());
  }

  private static void export(Args a, CliContext ctx) throws IOException {
    SpendQuery query = query(a, ctx);
    Optional<Path> file = a.get("out", Path::of);
    if (file.isEmpty()) {
      Writer out = new BufferedWriter(new OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8));
      Outcomes.done(SpendCsv.write(ctx.admin().spend(), ctx.actor(), query, out), "spend");
      return;
    }
    long rows;
    try (Writer out = Files.newBufferedWriter(file.get(), StandardCharsets.UTF_8)) {
      rows = Outcomes.done(SpendCsv.write(ctx.admin().spend(), ctx.actor(), query, out), "spend");
    }
    ctx.out().println("Wrote " + rows + " entries to " + file.get() + ".");
  }

  private static SpendQuery query(Args a, CliContext ctx) {
    Instant now = ctx.clock().instant();
    Instant from = a.get("from", Parse::instant).orElseGet(() ->
        LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay()
            .toInstant(ZoneOffset.UTC));
    Instant to = a.get("to", Parse::instant).orElse(now);
    if (a.has("team") && !a.has("tenant")) {
      throw new UsageError("--team needs --tenant: team ids are per tenant");
    }
    Optional<TenantId> tenant = a.get("tenant", TenantId::of);
    Optional<TeamId> team = a.get("team", TeamId::of);
    Optional<KeyId> key = a.get("key", KeyId::of);
    Optional<ModelName> model = a.get("model", ModelName::of);
    Optional<EndUserId> endUser = a.get("end-user", EndUserId::of);
    Optional<SessionId> session = a.get("session", SessionId::of);
    return Args.converted("--from", "",
        s -> new SpendQuery(tenant, team, key, model, endUser, from, to, session));
  }

  private static String tokens(TokenUsage u) {
    return "input " + u.inputTokens() + ", cached input " + u.cachedInputTokens()
        + ", cache-write input " + u.cacheWriteInputTokens() + ", output " + u.outputTokens()
        + ", reasoning " + u.reasoningTokens();
  }

  private static void auditList(Args a, CliContext ctx) {
    int limit = a.get("limit", Integer::parseInt).orElse(50);
    if (limit < 1 || limit > AuditLog.MAX_PAGE) {
      throw new UsageError("--limit must be 1.." + AuditLog.MAX_PAGE);
    }
    Optional<TenantId> tenant = a.get("tenant", TenantId::of);
    List<AuditEntry> entries = Outcomes.done(ctx.admin().audit().audit(
        ctx.actor(), tenant, a.get("before", Long::parseLong), limit), "tenant");
    if (a.has("json")) {
      entries.forEach(e -> ctx.out().println(json(e)));
      return;
    }
    Text.table(ctx.out(), List.of("SEQ", "AT", "ACTOR", "TENANT", "ACTION", "OBJECT", "CHANGES"),
        entries.stream().map(e -> List.of(Long.toString(e.sequence()), e.at().toString(),
            e.actor(), e.tenant().map(TenantId::value).orElse("-"), e.action(),
            e.objectType() + " " + e.objectId(), changes(e))).toList());
  }

  /** An entry as the admin API shows it ({@code audit_entry}), on one line. */
  static String json(AuditEntry e) {
    ObjectNode n = JSON.createObjectNode().put("object", "audit_entry")
        .put("sequence", e.sequence()).put("at", e.at().toString()).put("actor", e.actor())
        .put("tenant", e.tenant().map(TenantId::value).orElse(null)).put("action", e.action())
        .put("object_type", e.objectType()).put("object_id", e.objectId());
    e.before().forEach(n.putObject("before")::put);
    e.after().forEach(n.putObject("after")::put);
    return n.toString();
  }

  /** The fields an entry changed, {@code name: before -> after} ({@code -} where absent). */
  static String changes(AuditEntry e) {
    TreeSet<String> names = new TreeSet<>(e.before().keySet());
    names.addAll(e.after().keySet());
    List<String> out = new ArrayList<>();
    for (String n : names) {
      String before = e.before().getOrDefault(n, "-");
      String after = e.after().getOrDefault(n, "-");
      if (!before.equals(after)) {
        out.add(n + ": " + before + " -> " + after);
      }
    }
    return out.isEmpty() ? "-" : String.join("; ", out);
  }
}
