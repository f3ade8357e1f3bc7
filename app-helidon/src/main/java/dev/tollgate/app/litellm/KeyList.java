package dev.tollgate.app.litellm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.key.KeyFilter;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.ManageBudgetTemplates;
import dev.tollgate.service.Administration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /key/list}: one tenant's keys (a team's with {@code team_id}), LiteLLM's paging
 * ({@code page} from 1, {@code size}) and total; the keys' ids, or whole objects with
 * {@code return_full_object=true}. At most {@link #MAX_SCANNED} keys are counted.
 */
final class KeyList {

  static final int MAX_SCANNED = 10_000;
  private static final int PAGE = 1000;

  private final Administration admin;
  private final ManageBudgetTemplates budgets;
  private final Tenancy tenancy;

  KeyList(Administration admin, ManageBudgetTemplates budgets, Tenancy tenancy) {
    this.admin = admin;
    this.budgets = budgets;
    this.tenancy = tenancy;
  }

  void list(LitellmCall c) {
    c.onlyQuery(Set.of("page", "size", "team_id", "organization_id", "key_alias", "user_id",
        "return_full_object", "include_team_keys"));
    int page = number(c, "page", 1, 1_000_000, 1);
    int size = number(c, "size", 1, 1000, 10);
    Optional<String> org = c.query("organization_id", 128);
    Optional<TeamId> team = c.query("team_id", 128).map(Tenancy::teamId);
    TenantId tenant = team.isPresent() ? tenancy.team(c.actor(), team.get().value(), org).tenant()
        : tenancy.tenant(c.actor(), org);
    Optional<String> alias = c.query("key_alias", VirtualKey.MAX_ALIAS_LENGTH);
    Optional<String> user = c.query("user_id", 256);
    List<VirtualKey> matching = new ArrayList<>();
    for (int offset = 0; offset < MAX_SCANNED; offset += PAGE) {
      List<VirtualKey> batch = LitellmError.done(admin.keys().keys(c.actor(), tenant, team,
          new KeyFilter(alias, Optional.empty()), offset, PAGE));
      batch.stream().filter(k -> alias.map(a -> a.equals(k.alias())).orElse(true))
          .filter(k -> user.map(u -> u.equals(k.metadata().get(KeyRequest.USER_LABEL)))
              .orElse(true))
          .forEach(matching::add);
      if (batch.size() < PAGE) {
        break;
      }
    }
    boolean full = c.query("return_full_object", 8).map(Boolean::parseBoolean).orElse(false);
    KeyEndpoints views = new KeyEndpoints(admin, budgets, tenancy);
    ArrayNode keys = c.array();
    matching.stream().skip((long) (page - 1) * size).limit(size).forEach(k -> {
      if (full) {
        keys.add(views.view(c, k));
      } else {
        keys.add(k.id().value());
      }
    });
    ObjectNode out = c.object();
    out.set("keys", keys);
    out.put("total_count", matching.size());
    out.put("current_page", page);
    out.put("total_pages", (matching.size() + size - 1) / size);
    c.json(out);
  }

  private static int number(LitellmCall c, String name, int min, int max, int dflt) {
    return c.query(name, 8).map(v -> {
      try {
        int n = Integer.parseInt(v);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw LitellmError.badRequest(name, "'" + name + "' must be " + min + ".." + max + ".");
    }).orElse(dflt);
  }
}
