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
import dev.tollgate.domain.tenancy.Tag;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tollgate spend …} (reports and CSV exports from the ledger) and {@code tollgate audit …}. */
final class SpendCommands {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SpendCommands() {}

  @Command(name = "spend", description = "Spend from the ledger, exact to the nano-dollar.",
      subcommands = {Report.class, Export.class})
  static final class Spend extends AdminCommand.Group {}

  @Command(name = "audit", description = "The log of administrative changes, newest first.",
      subcommands = {AuditList.class})
  static final class Audit extends AdminCommand.Group {}

  /** The entries a report or an export covers. */
  abstract static class OnQuery extends AdminCommand {
    @Option(names = "--from", paramLabel = "WHEN", description = "entries started at or after"
        + " (instant or UTC date; default: the 1st of this month)")
    Optional<Instant> from = Optional.empty();

    @Option(names = "--to", paramLabel = "WHEN", description = "entries started before (default: now)")
    Optional<Instant> to = Optional.empty();

    @Option(names = "--tenant", paramLabel = "TENANT", description = "only this tenant")
    Optional<TenantId> tenant = Optional.empty();

    @Option(names = "--team", paramLabel = "TEAM", description = "only this team of --tenant")
    Optional<TeamId> team = Optional.empty();

    @Option(names = "--key", paramLabel = "KEY_ID", description = "only this key")
    Optional<KeyId> key = Optional.empty();

    @Option(names = "--model", paramLabel = "MODEL", description = "only this model")
    Optional<ModelName> model = Optional.empty();

    @Option(names = "--end-user", paramLabel = "USER",
        description = "only this end user (the requests' user)")
    Optional<EndUserId> endUser = Optional.empty();

    @Option(names = "--session", paramLabel = "SESSION",
        description = "only this client session (X-Claude-Code-Session-Id)")
    Optional<SessionId> session = Optional.empty();

    @Option(names = "--tag", paramLabel = "TAG",
        description = "only entries carrying this tag (metadata.tags, x-tollgate-tags)")
    Optional<Tag> tag = Optional.empty();

    SpendQuery query(CliContext ctx) {
      Instant now = ctx.clock().instant();
      Instant start = from.orElseGet(() -> LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1)
          .atStartOfDay().toInstant(ZoneOffset.UTC));
      Instant end = to.orElse(now);
      if (team.isPresent() && tenant.isEmpty()) {
        throw new UsageError("--team needs --tenant: team ids are per tenant");
      }
      return UsageError.checked("--from",
          () -> new SpendQuery(tenant, team, key, model, endUser, start, end, session, tag));
    }
  }

  @Command(name = "report", description = "the total and a breakdown")
  static final class Report extends OnQuery {
    @Option(names = "--by", paramLabel = "GROUPING",
        description = "day (default), tenant, team, key, model, end-user, session or tag (an entry"
            + " with two tags counts in both: the groups may sum past the total)")
    SpendGrouping grouping = SpendGrouping.DAY;

    @Override
    void run(CliContext ctx) {
      SpendQuery query = query(ctx);
      SpendTotal total = Outcomes.done(ctx.admin().spend().total(ctx.actor(), query), "spend");
      List<SpendGroup> groups = Outcomes.done(
          ctx.admin().spend().breakdown(ctx.actor(), query, grouping), "spend");
      ctx.out().println("spend from " + query.from() + " to " + query.to());
      Text.fields(ctx.out(), List.of(
          Map.entry("requests", Long.toString(total.requests())),
          Map.entry("cost_usd", total.cost().toUsd().toPlainString()),
          Map.entry("tokens", tokens(total.usage()))));
      ctx.out().println();
      if (grouping.overlaps()) {
        ctx.out().println("(groups overlap: an entry with two tags counts in both)");
      }
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
  }

  @Command(name = "export", description = "every entry as CSV (RFC 4180)")
  static final class Export extends OnQuery {
    @Option(names = "--out", paramLabel = "FILE", description = "write the CSV here instead of to stdout")
    Optional<Path> file = Optional.empty();

    @Override
    void run(CliContext ctx) throws IOException {
      SpendQuery query = query(ctx);
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
  }

  @Command(name = "list", description = "list audit entries")
  static final class AuditList extends AdminCommand {
    @Option(names = "--tenant", paramLabel = "TENANT", description = "only this tenant's entries")
    Optional<TenantId> tenant = Optional.empty();

    @Option(names = "--before", paramLabel = "SEQ",
        description = "entries older than this sequence number (to page)")
    Optional<Long> before = Optional.empty();

    @Option(names = "--limit", paramLabel = "N", description = "at most N entries (default 50)")
    int limit = 50;

    @Option(names = "--json", description = "one JSON object per entry and line, before/after in full")
    boolean json;

    @Override
    void run(CliContext ctx) {
      if (limit < 1 || limit > AuditLog.MAX_PAGE) {
        throw new UsageError("--limit must be 1.." + AuditLog.MAX_PAGE);
      }
      List<AuditEntry> entries = Outcomes.done(ctx.admin().audit().audit(
          ctx.actor(), tenant, before, limit), "tenant");
      if (json) {
        entries.forEach(e -> ctx.out().println(json(e)));
        return;
      }
      Text.table(ctx.out(), List.of("SEQ", "AT", "ACTOR", "TENANT", "ACTION", "OBJECT", "CHANGES"),
          entries.stream().map(e -> List.of(Long.toString(e.sequence()), e.at().toString(),
              e.actor(), e.tenant().map(TenantId::value).orElse("-"), e.action(),
              e.objectType() + " " + e.objectId(), changes(e))).toList());
    }
  }

  private static String tokens(TokenUsage u) {
    return "input " + u.inputTokens() + ", cached input " + u.cachedInputTokens()
        + ", cache-write input " + u.cacheWriteInputTokens() + ", output " + u.outputTokens()
        + ", reasoning " + u.reasoningTokens();
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
