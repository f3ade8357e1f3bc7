package dev.tollgate.app.litellm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.service.Administration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * LiteLLM's daily activity ({@code /user/daily/activity}, {@code /team/daily/activity}): per UTC
 * day, the metrics and a breakdown (models and keys; teams for the team view), and their totals,
 * from the ledger's spend series (one read per breakdown). Every request in the ledger succeeded
 * (a refused or failed one costs nothing and is not there), so {@code failed_requests} is 0.
 */
final class DailyActivity {

  private static final Set<String> COMMON = Set.of("start_date", "end_date", "model", "api_key",
      "page", "page_size", "timezone");

  private final Administration admin;

  DailyActivity(Administration admin) {
    this.admin = admin;
  }

  void user(LitellmCall c) {
    c.onlyQuery(union(Set.of("user_id")));
    c.query("user_id", 256).ifPresent(u -> {
      throw LitellmError.badRequest("user_id", "Tollgate has no internal users; this is the"
          + " activity of every key the caller may see.");
    });
    SpendQuery q = query(c, Optional.empty());
    answer(c, q, Map.of("models", SpendGrouping.MODEL, "api_keys", SpendGrouping.KEY),
        g -> true);
  }

  void team(LitellmCall c) {
    c.onlyQuery(union(Set.of("team_ids", "exclude_team_ids")));
    Set<String> only = c.query("team_ids", 4096).map(s -> Set.of(s.split(","))).orElse(Set.of());
    Set<String> excluded = c.query("exclude_team_ids", 4096).map(s -> Set.of(s.split(",")))
        .orElse(Set.of());
    Optional<TeamId> one = only.size() == 1 ? Optional.of(Tenancy.teamId(only.iterator().next()))
        : Optional.empty();
    answer(c, query(c, one), Map.of("entities", SpendGrouping.TEAM, "models", SpendGrouping.MODEL),
        g -> (only.isEmpty() || only.contains(g)) && !excluded.contains(g));
  }

  private static Set<String> union(Set<String> more) {
    java.util.HashSet<String> all = new java.util.HashSet<>(COMMON);
    all.addAll(more);
    return all;
  }

  private SpendQuery query(LitellmCall c, Optional<TeamId> team) {
    c.query("timezone", 64).filter(z -> !z.equals("UTC") && !z.equals("0")).ifPresent(z -> {
      throw LitellmError.badRequest("timezone", "Days are UTC days.");
    });
    SpendFields.Range r = SpendFields.range(c);
    return new SpendQuery(c.actor().tenant(), team, Optional.empty(),
        c.query("model", 256).map(ModelName::of), Optional.empty(), r.from(), r.to());
  }

  private void answer(LitellmCall c, SpendQuery q, Map<String, SpendGrouping> breakdowns,
      Predicate<String> keep) {
    Map<String, SpendSeries> series = new LinkedHashMap<>();
    breakdowns.forEach((name, g) -> series.put(name, LitellmError.done(
        admin.spend().series(c.actor(), q, g, SpendSeries.MAX_TOP, SpendSeries.MAX_TOP))));
    SpendSeries first = series.values().iterator().next();
    ArrayNode results = c.array();
    SpendTotal total = SpendTotal.NONE;
    for (SpendSeries.Day day : first.days()) {
      ObjectNode d = results.addObject();
      d.put("date", day.day().toString());
      d.set("metrics", SpendFields.metrics(c, day.total()));
      total = total.plus(day.total().requests(), day.total().cost(), day.total().usage());
      ObjectNode breakdown = d.putObject("breakdown");
      series.forEach((name, s) -> {
        ObjectNode groups = breakdown.putObject(name);
        for (SpendGroup g : cells(s, day.day())) {
          if (keep.test(g.group()) || !name.equals("entities")) {
            groups.putObject(g.group()).set("metrics", SpendFields.metrics(c, g.total()));
          }
        }
      });
    }
    ObjectNode out = c.object();
    out.set("results", results);
    ObjectNode meta = out.putObject("metadata");
    meta.set("total_spend", c.usd(total.cost()));
    meta.put("total_prompt_tokens", SpendFields.promptTokens(total.usage()));
    meta.put("total_completion_tokens", SpendFields.completionTokens(total.usage()));
    meta.put("total_tokens", SpendFields.promptTokens(total.usage())
        + SpendFields.completionTokens(total.usage()));
    meta.put("total_api_requests", total.requests());
    meta.put("total_successful_requests", total.requests());
    meta.put("total_failed_requests", 0);
    meta.put("page", 1);
    meta.put("total_pages", 1);
    meta.put("has_more", false);
    c.json(out);
  }

  private static List<SpendGroup> cells(SpendSeries s, LocalDate day) {
    return s.days().stream().filter(d -> d.day().equals(day)).findFirst()
        .map(SpendSeries.Day::groups).orElse(List.of()).stream()
        .filter(g -> g.total().requests() > 0 || !g.total().cost().equals(Money.ZERO)).toList();
  }

  static List<String> split(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
