package dev.tollgate.adapter.postgres;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scopes are stored by {@link Scope#storageKey()}, which is injective; this reads one back (a
 * remembered settlement names its scopes) and removes repeats from a list of scopes.
 */
final class ScopeKeys {

  private ScopeKeys() {}

  static Scope parse(String key) {
    if (key.startsWith("tenant:")) {
      return Scope.tenant(TenantId.of(key.substring("tenant:".length())));
    }
    if (key.startsWith("team:")) {
      String[] parts = split(key.substring("team:".length()));
      return Scope.team(TenantId.of(parts[0]), TeamId.of(parts[1]));
    }
    if (key.startsWith("key:")) {
      return Scope.key(KeyId.of(key.substring("key:".length())));
    }
    if (key.startsWith("key-model:")) {
      String[] parts = split(key.substring("key-model:".length()));
      return Scope.keyModel(KeyId.of(parts[0]), ModelName.of(parts[1]));
    }
    if (key.startsWith("end-user:")) {
      String[] parts = split(key.substring("end-user:".length()));
      return Scope.endUser(TenantId.of(parts[0]), EndUserId.of(parts[1]));
    }
    if (key.startsWith("tag:")) {
      String[] parts = split(key.substring("tag:".length()));
      return Scope.tag(TenantId.of(parts[0]), Tag.of(parts[1]));
    }
    throw new IllegalArgumentException("not a scope storage key: " + key);
  }

  /** {@code <length>:<first>:<second>} into first and second. */
  private static String[] split(String rest) {
    int colon = rest.indexOf(':');
    int length = Integer.parseInt(rest.substring(0, colon));
    String first = rest.substring(colon + 1, colon + 1 + length);
    String second = rest.substring(colon + 2 + length);
    return new String[] {first, second};
  }

  /** The scopes in their first-seen order, each once. */
  static List<Scope> distinct(List<Scope> scopes) {
    Map<String, Scope> byKey = new LinkedHashMap<>();
    for (Scope scope : scopes) {
      byKey.putIfAbsent(scope.storageKey(), scope);
    }
    return new ArrayList<>(byKey.values());
  }

  static List<String> keys(List<Scope> scopes) {
    return scopes.stream().map(Scope::storageKey).distinct().sorted().toList();
  }
}
