package dev.tollgate.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VirtualKeyTest {

  private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2025-06-01T00:00:00Z");
  private static final ModelName MINI = ModelName.of("gpt-4o-mini");
  private static final ModelName BIG = ModelName.of("gpt-4o");

  private static VirtualKey key(Set<ModelName> allowed, Optional<Instant> expiresAt) {
    ApiKeySecret secret = KeyFormat.mint(new SplittableRandom(42));
    return new VirtualKey(
        KeyId.of("k1"),
        secret.hash(),
        Owner.tenant(TenantId.of("t1")),
        "ci",
        secret.hint(),
        allowed,
        expiresAt,
        false,
        CREATED);
  }

  @Test
  void a_key_without_expiry_never_expires() {
    assertThat(key(Set.of(), Optional.empty()).isExpiredAt(Instant.MAX)).isFalse();
  }

  @Test
  void a_key_expires_at_its_exact_expiry_instant() {
    VirtualKey key = key(Set.of(), Optional.of(EXPIRES));

    assertThat(key.isExpiredAt(EXPIRES.minusNanos(1))).isFalse();
    assertThat(key.isExpiredAt(EXPIRES)).isTrue();
    assertThat(key.isExpiredAt(EXPIRES.plusSeconds(1))).isTrue();
  }

  @Test
  void an_empty_allow_list_allows_every_model() {
    VirtualKey key = key(Set.of(), Optional.empty());

    assertThat(key.allows(MINI)).isTrue();
    assertThat(key.allows(BIG)).isTrue();
  }

  @Test
  void an_allow_list_allows_only_the_models_it_names() {
    VirtualKey key = key(Set.of(MINI), Optional.empty());

    assertThat(key.allows(MINI)).isTrue();
    assertThat(key.allows(BIG)).isFalse();
  }

  @Test
  void blocking_and_unblocking_keep_everything_else() {
    VirtualKey key = key(Set.of(MINI), Optional.of(EXPIRES));

    VirtualKey blocked = key.withBlocked(true);

    assertThat(blocked.blocked()).isTrue();
    assertThat(blocked.withBlocked(false)).isEqualTo(key);
  }

  @Test
  void the_allow_list_is_a_copy_the_caller_cannot_change_afterwards() {
    Set<ModelName> allowed = new HashSet<>(Set.of(MINI));
    VirtualKey key = key(allowed, Optional.empty());

    allowed.add(BIG);

    assertThat(key.allows(BIG)).isFalse();
    assertThatThrownBy(() -> key.allowedModels().add(BIG))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void a_key_stores_its_hash_and_hint_but_never_the_secret() {
    ApiKeySecret secret = KeyFormat.mint(new SplittableRandom(42));
    VirtualKey key = key(Set.of(), Optional.empty());

    assertThat(key.toString()).doesNotContain(secret.reveal());
    assertThat(key.hash()).isEqualTo(secret.hash());
  }

  @Test
  void an_overlong_alias_is_refused() {
    assertThatThrownBy(
            () ->
                new VirtualKey(
                    KeyId.of("k1"),
                    new KeyHash("0".repeat(64)),
                    Owner.tenant(TenantId.of("t1")),
                    "a".repeat(VirtualKey.MAX_ALIAS_LENGTH + 1),
                    "sk-tg-…abcd",
                    Set.of(),
                    Optional.empty(),
                    false,
                    CREATED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_key_id_must_be_present_and_bounded() {
    assertThatThrownBy(() -> KeyId.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyId.of("k".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    assertThat(KeyId.of("k1")).hasToString("k1");
  }
}
