package dev.tollgate.app.http.admin;

import static dev.tollgate.app.http.admin.AdminRoute.get;
import static dev.tollgate.app.http.admin.AdminRoute.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.app.report.LiteLlmPriceFile;
import dev.tollgate.app.report.PriceImport;
import dev.tollgate.app.report.SpendCsv;
import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManagePrices;
import dev.tollgate.port.in.admin.ReadAudit;
import dev.tollgate.port.in.admin.ReportSpend;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Spend reports, the audit log and prices. */
final class ReportRoutes {

  /** The longest range one spend report covers. */
  static final Duration MAX_RANGE = Duration.ofDays(400);
  /** LiteLLM's own file is about 1.5 MB; a bound well above it. */
  static final long MAX_PRICE_FILE_BYTES = 16L * 1024 * 1024;
  private static final Set<String> PRICE_FIELDS = PriceFields.with(
      Set.of("model", "effective_from"));

  private final ReportSpend spend;
  private final ReadAudit audit;
  private final ManagePrices prices;
  private final AdminJson json;
  private final Clock clock;

  ReportRoutes(ReportSpend spend, ReadAudit audit, ManagePrices prices, AdminJson json,
      Clock clock) {
    this.spend = spend;
    this.audit = audit;
    this.prices = prices;
    this.json = json;
    this.clock = clock;
  }

  List<AdminRoute> routes() {
    return List.of(
        get("/admin/v1/spend", this::report),
        get("/admin/v1/spend/entries", this::entries),
        get("/admin/v1/spend/requests/{request}", c -> c.reply(spend.entry(c.actor(),
            Fields.parse("request", c.path("request"), RequestId::of)), 200, json::entry)),
        get("/admin/v1/spend/export.csv", this::export),
        get("/admin/v1/audit", this::audit),
        get("/admin/v1/prices", this::listPrices),
        post("/admin/v1/prices", this::addPrice),
        post("/admin/v1/prices/import", this::importPrices));
  }

  private void report(AdminCall c) {
    c.onlyQuery(ReportParameters.REPORT);
    SpendQuery query = query(c);
    Optional<String> by = c.query("group_by", 32);
    if (by.isPresent() && by.get().startsWith(SpendSeriesAnswer.BY_DAY)) {
      SpendGrouping split = grouping(by.get().substring(SpendSeriesAnswer.BY_DAY.length()));
      if (split == SpendGrouping.DAY) {
        throw new BadField("group_by", "'group_by=day,<grouping>' splits days by tenant, team,"
            + " key, model or end_user.");
      }
      int top = SpendSeriesAnswer.top(c);
      Optional<Integer> rows = SpendSeriesAnswer.rows(c);
      c.reply(spend.series(c.actor(), query, split, top, rows.orElse(Integer.MAX_VALUE)), 200,
          s -> SpendSeriesAnswer.json(json, report(query, s.total()), split, top, rows, s));
      return;
    }
    for (String seriesOnly : List.of("top", "rows")) {
      if (c.query(seriesOnly, 8).isPresent()) {
        throw new BadField(seriesOnly, "'" + seriesOnly + "' applies to group_by=day,<grouping> only.");
      }
    }
    Optional<SpendGrouping> grouping = by.map(ReportRoutes::grouping);
    AdminResult<SpendTotal> total = spend.total(c.actor(), query);
    if (!(total instanceof AdminResult.Done<SpendTotal> t) || grouping.isEmpty()) {
      c.reply(total, 200, x -> report(query, x));
      return;
    }
    c.reply(spend.breakdown(c.actor(), query, grouping.get()), 200, groups -> {
      ObjectNode n = report(query, t.value());
      n.put("group_by", grouping.get().name().toLowerCase(Locale.ROOT));
      ArrayNode data = n.putArray("groups");
      for (SpendGroup g : groups) {
        ObjectNode row = json.total(g.total());
        row.put("group", g.group());
        data.add(row);
      }
      return n;
    });
  }

  private static SpendGrouping grouping(String name) {
    return switch (name) {
      case "day", "tenant", "team", "key", "model", "end_user", "session" ->
          SpendGrouping.valueOf(name.toUpperCase(Locale.ROOT));
      default -> throw new BadField("group_by",
          "'group_by' must be day, tenant, team, key, model, end_user or session, or day and one of the"
              + " others (day,model) for spend per day by that group.");
    };
  }

  private ObjectNode report(SpendQuery q, SpendTotal total) {
    ObjectNode n = json.object().put("object", "spend_report")
        .put("from", q.from().toString()).put("to", q.to().toString());
    n.set("total", json.total(total));
    return n;
  }

  private void entries(AdminCall c) {
    c.onlyQuery(ReportParameters.ENTRIES);
    SpendQuery query = query(c);
    int limit = c.limit();
    int offset = c.offset();
    AdminResult<List<dev.tollgate.domain.ledger.SpendEntry>> page =
        spend.entries(c.actor(), query, offset, limit + 1);
    c.reply(page, 200, entries -> {
      ArrayNode data = json.array();
      entries.stream().limit(limit).forEach(e -> data.add(json.entry(e)));
      ObjectNode list = json.list(data, entries.size() > limit);
      if (entries.size() > limit) {
        list.put("next_offset", offset + limit);
      }
      return list;
    });
  }

  /** from/to (default: this UTC month so far) and the tenant/team/key/model filters. */
  SpendQuery query(AdminCall c) {
    Instant now = clock.instant();
    Instant from = c.query("from", 64).map(v -> instant("from", v))
        .orElse(now.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1)
            .atStartOfDay(ZoneOffset.UTC).toInstant());
    Instant to = c.query("to", 64).map(v -> instant("to", v)).orElse(now.plusSeconds(1));
    if (!from.isBefore(to)) {
      throw new BadField("to", "'to' must be after 'from'.");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw new BadField("to", "A report covers at most " + MAX_RANGE.toDays() + " days.");
    }
    return new SpendQuery(
        c.query("tenant", 128).map(t -> Fields.tenant("tenant", t)),
        c.query("team", 128).map(t -> Fields.team("team", t)),
        c.query("key", 64).map(k -> Fields.key("key", k)),
        c.query("model", 256).map(m -> Fields.model("model", m)),
        c.query("end_user", 128).map(u -> Fields.parse("end_user", u, EndUserId::of)),
        from, to,
        c.query("session", 128).map(s -> Fields.parse("session", s, SessionId::of)));
  }

  private static Instant instant(String param, String value) {
    try {
      return value.length() == 10
          ? java.time.LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadField(param, "'" + param + "' must be a date (2026-11-01) or an RFC 3339 UTC "
          + "time (2026-11-01T00:00:00Z).");
    }
  }

  private void audit(AdminCall c) {
    Optional<TenantId> tenant = c.query("tenant", 128).map(t -> Fields.tenant("tenant", t));
    Optional<Long> before = c.query("before", 20).map(b -> Fields.parse("before", b, Long::parseLong));
    int limit = c.limit();
    AdminResult<List<AuditEntry>> page = audit.audit(c.actor(), tenant, before, limit + 1);
    c.reply(page, 200, entries -> {
      ArrayNode data = json.array();
      entries.stream().limit(limit).forEach(e -> data.add(json.audit(e)));
      ObjectNode list = json.list(data, entries.size() > limit);
      if (entries.size() > limit) {
        list.put("next_before", entries.get(limit - 1).sequence());
      }
      return list;
    });
  }

  /**
   * The range's ledger entries as CSV (RFC 4180, formula-safe), streamed page by page. A refused
   * query is a JSON error before any byte of CSV.
   */
  private void export(AdminCall c) throws Bodies.TooLarge {
    c.onlyQuery(ReportParameters.FILTERS);
    SpendQuery query = query(c);
    AdminResult<List<dev.tollgate.domain.ledger.SpendEntry>> probe =
        spend.entries(c.actor(), query, 0, 1);
    if (!(probe instanceof AdminResult.Done<?>)) {
      c.reply(probe, 200, x -> json.object());
      return;
    }
    ServerResponse res = c.response();
    res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
    res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"spend.csv\"");
    try (Writer out = new BufferedWriter(
        new OutputStreamWriter(res.outputStream(), StandardCharsets.UTF_8), 64 * 1024)) {
      SpendCsv.write(spend, c.actor(), query, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the client went away mid-export; nothing to undo
    }
  }

  /**
   * A LiteLLM {@code model_prices_and_context_window.json} body: a price version from
   * {@code effective_from} (default now) for each served model the file prices, under the model's
   * upstream name. Models it lacks or prices unusably are reported, never guessed.
   */
  private void importPrices(AdminCall c) throws Bodies.TooLarge {
    if (!c.actor().isPlatform()) {
      c.reply(new AdminResult.Forbidden<>("Prices are set by the platform administrator."), 200,
          x -> json.object());
      return;
    }
    Instant from = c.query("effective_from", 64).map(v -> instant("effective_from", v))
        .orElse(clock.instant());
    LiteLlmPriceFile file;
    try {
      file = LiteLlmPriceFile.read(new ByteArrayInputStream(c.rawBody(MAX_PRICE_FILE_BYTES)));
    } catch (LiteLlmPriceFile.Unreadable e) {
      throw new BadField(null, "Not a LiteLLM price file: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LiteLlmPriceFile.Import found;
    try {
      found = file.pricesFor(LiteLlmPriceFile.upstreamNames(prices.servedModels(c.actor())), from);
    } catch (LiteLlmPriceFile.AbsurdNumber e) {
      throw new BadField(e.field(), e.getMessage());
    }
    PriceImport.Outcome outcome = PriceImport.apply(prices, c.actor(), found, false);
    PriceImportAnswer answer = new PriceImportAnswer(json.object().put("object", "price_import"));
    for (PriceImport.Row r : outcome.rows()) {
      ObjectNode row = json.price(r.priced().version()).put("litellm_name", r.priced().litellmName());
      answer.list(switch (r.kind()) {
        case ADDED -> "added";
        case UNCHANGED -> "unchanged";
        case CONFLICT -> "conflicts";
      }, row);
    }
    outcome.unpriced().forEach(m -> answer.list("unpriced", TextNode.valueOf(m.value())));
    outcome.problems().forEach(p -> answer.list("problems", TextNode.valueOf(p)));
    if (outcome.refused()) {
      c.json(400, answer.refused("The price file has " + outcome.problems().size()
          + " problem(s) for served models (listed in problems); nothing was imported."));
      return;
    }
    c.json(200, answer.out());
  }

  private void listPrices(AdminCall c) {
    ArrayNode data = json.array();
    prices.prices(c.actor()).values().forEach(vs -> vs.forEach(v -> data.add(json.price(v))));
    c.json(200, json.list(data, false));
  }

  private void addPrice(AdminCall c) throws Bodies.TooLarge {
    JsonBody b = c.body(PRICE_FIELDS);
    ModelName model = Fields.model("model", b.text("model", 256));
    Instant from = b.optionalInstant("effective_from").orElse(clock.instant());
    TokenPrices tokenPrices = PriceFields.read(b, "");
    PriceVersion version = new PriceVersion(model, from, tokenPrices);
    AdminResult<AddPriceResult> added = prices.addPrice(c.actor(), version);
    if (added instanceof AdminResult.Done<AddPriceResult> d
        && d.value() instanceof AddPriceResult.ConflictsWith conflict) {
      c.reply(new AdminResult.Conflict<>("Another price of " + model.value() + " starts at "
          + conflict.existing().effectiveFrom() + "; prices are never edited, add a version "
          + "with another effective_from."), 201, x -> json.object());
      return;
    }
    int status = added instanceof AdminResult.Done<AddPriceResult> d
        && d.value() instanceof AddPriceResult.Exists ? 200 : 201;
    c.reply(added, status, x -> json.price(version));
  }
}
