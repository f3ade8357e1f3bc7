package dev.tollgate.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.secret.SaltKey;
import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.domain.secret.SecretValue;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.SecretStore.PutResult;
import dev.tollgate.port.out.SecretStore.ReplaceResult;
import dev.tollgate.port.out.StoredSecret;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SecretStore} does. The store's rules are about all of it (one key id at a
 * time, swap everything at once), so {@link #newStore()} must answer an empty store.
 */
public abstract class SecretStoreContract {

  /** An empty store. */
  protected abstract SecretStore newStore();

  private static final SaltKey OLD = SaltKey.of("contract-old-salt-key-0123456789abcdef");
  private static final SaltKey NEW = SaltKey.of("contract-new-salt-key-0123456789abcdef");
  private final SplittableRandom random = new SplittableRandom(11);

  private StoredSecret sealed(SaltKey key, String name, String value) {
    SecretName n = SecretName.of(name);
    return new StoredSecret(n, key.seal(n, SecretValue.of(value), random));
  }

  @Test
  void a_stored_secret_is_found_by_name_exactly_as_sealed() {
    SecretStore store = newStore();
    StoredSecret a = sealed(OLD, "upstream-a", "sk-a");

    assertThat(store.put(a)).isEqualTo(PutResult.STORED);

    assertThat(store.find(a.name())).contains(a.sealed());
    assertThat(store.find(SecretName.of("missing"))).isEmpty();
  }

  @Test
  void putting_a_name_again_replaces_its_secret() {
    SecretStore store = newStore();
    store.put(sealed(OLD, "upstream-a", "sk-1"));
    StoredSecret second = sealed(OLD, "upstream-a", "sk-2");

    assertThat(store.put(second)).isEqualTo(PutResult.STORED);

    assertThat(store.all()).containsExactly(second);
  }

  @Test
  void a_removed_secret_is_gone_and_the_others_stay() {
    SecretStore store = newStore();
    StoredSecret kept = sealed(OLD, "webhook.kept", "whsec_a");
    store.put(kept);
    store.put(sealed(OLD, "webhook.gone", "whsec_b"));

    assertThat(store.remove(SecretName.of("webhook.gone"))).isTrue();
    assertThat(store.remove(SecretName.of("webhook.gone"))).isFalse();

    assertThat(store.all()).containsExactly(kept);
  }

  @Test
  void all_lists_every_secret_ordered_by_name() {
    SecretStore store = newStore();
    StoredSecret b = sealed(OLD, "b-secret", "x");
    StoredSecret a = sealed(OLD, "a-secret", "y");
    StoredSecret dotted = sealed(OLD, "a.secret", "z");
    store.put(b);
    store.put(a);
    store.put(dotted);

    assertThat(store.all()).containsExactly(a, dotted, b); // byte order: - before .
  }

  @Test
  void a_secret_under_another_key_id_is_refused_and_nothing_changes() {
    SecretStore store = newStore();
    StoredSecret a = sealed(OLD, "upstream-a", "sk-a");
    store.put(a);

    assertThat(store.put(sealed(NEW, "upstream-b", "sk-b"))).isEqualTo(PutResult.SEALED_UNDER_ANOTHER_KEY);
    assertThat(store.put(sealed(NEW, "upstream-a", "sk-a"))).isEqualTo(PutResult.SEALED_UNDER_ANOTHER_KEY);

    assertThat(store.all()).containsExactly(a);
  }

  @Test
  void concurrent_first_puts_under_two_keys_leave_one_key_only() {
    SecretStore store = newStore();

    List<PutResult> results = Parallel.run(8, i -> store.put(
        sealed(i % 2 == 0 ? OLD : NEW, "race-" + i, "v" + i)));

    assertThat(store.all().stream().map(s -> s.sealed().keyId()).distinct()).hasSize(1);
    assertThat(results.stream().filter(r -> r == PutResult.STORED).count())
        .isEqualTo(store.all().size());
  }

  @Test
  void replace_all_swaps_every_secret_at_once() {
    SecretStore store = newStore();
    store.put(sealed(OLD, "a", "1"));
    store.put(sealed(OLD, "b", "2"));
    List<StoredSecret> before = store.all();
    List<StoredSecret> after = List.of(sealed(NEW, "b", "2"), sealed(NEW, "a", "1"));

    assertThat(store.replaceAll(before, after)).isEqualTo(ReplaceResult.REPLACED);

    assertThat(store.all()).containsExactly(after.get(1), after.get(0));
    assertThat(store.put(sealed(OLD, "c", "3"))).isEqualTo(PutResult.SEALED_UNDER_ANOTHER_KEY);
    assertThat(store.put(sealed(NEW, "c", "3"))).isEqualTo(PutResult.STORED);
  }

  @Test
  void replace_all_changes_nothing_when_the_store_changed_since_it_was_read() {
    SecretStore store = newStore();
    store.put(sealed(OLD, "a", "1"));
    List<StoredSecret> before = store.all();
    StoredSecret changed = sealed(OLD, "a", "1-changed");
    store.put(changed);

    assertThat(store.replaceAll(before, List.of(sealed(NEW, "a", "1"))))
        .isEqualTo(ReplaceResult.CHANGED_MEANWHILE);
    assertThat(store.all()).containsExactly(changed);

    StoredSecret added = sealed(OLD, "b", "2");
    store.put(added);
    List<StoredSecret> onlyA = List.of(changed);
    assertThat(store.replaceAll(onlyA, List.of(sealed(NEW, "a", "1"))))
        .isEqualTo(ReplaceResult.CHANGED_MEANWHILE);
    assertThat(store.all()).containsExactly(changed, added);
  }

  @Test
  void replace_all_with_other_names_is_a_programmer_error() {
    SecretStore store = newStore();
    store.put(sealed(OLD, "a", "1"));
    List<StoredSecret> before = store.all();

    assertThatThrownBy(() -> store.replaceAll(before, List.of(sealed(NEW, "b", "1"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.replaceAll(before, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.all()).isEqualTo(before);
  }
}
