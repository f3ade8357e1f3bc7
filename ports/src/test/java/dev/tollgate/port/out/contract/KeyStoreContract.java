package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.RetiredHash;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.DuplicateAliasException;
import dev.tollgate.domain.key.KeyFilter;
import dev.tollgate.port.out.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** What every {@link KeyStore} promises. */
public abstract class KeyStoreContract {

  /** A store for this test; it may hold other tests' keys, never keys with these ids. */
  protected abstract KeyStore newStore();

  private final Fixtures f = new Fixtures();
  private KeyStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @Test
  void aSavedKeyIsFoundByIdAndByHash() {
    Owner owner = Owner.team(f.tenant(), f.team());
    VirtualKey key = f.key(owner, T0);

    store.save(key);

    assertThat(store.findById(key.id())).contains(key);
    assertThat(store.findByHash(key.hash())).contains(key);
  }

  private static VirtualKey named(VirtualKey key, String alias) {
    return key.withAttributes(alias, key.allowedModels(), key.expiresAt(), key.metadata());
  }

  @Test
  void anImportedKeyKeepsItsLegacyFlagThroughSavesAndRotation() {
    VirtualKey k = f.key(Owner.tenant(f.tenant()), T0);
    VirtualKey imported = new VirtualKey(k.id(), k.hash(), k.owner(), k.alias(), k.hint(),
        k.allowedModels(), k.expiresAt(), k.blocked(), k.createdAt(), k.role(), k.metadata(),
        k.previous(), true);

    store.save(imported);
    assertThat(store.findByHash(k.hash())).hasValueSatisfying(
        found -> assertThat(found.legacyFormat()).isTrue());
    VirtualKey rotated = imported.rotatedTo(f.hash(), "sk-tg-…new1", T0.plusSeconds(60), T0);
    store.save(rotated.withBlocked(true));

    assertThat(store.findById(k.id())).hasValueSatisfying(found -> {
      assertThat(found.legacyFormat()).isTrue();
      assertThat(found.acceptsHash(k.hash(), T0)).isTrue();
    });
  }

  @Test
  void aFilteredListHasOnlyMatchingKeysPagedAmongThemInCreationOrder() {
    TenantId tenant = f.tenant();
    VirtualKey prodA = named(f.key(Owner.tenant(tenant), T0), "Prod-A");
    VirtualKey prodB = named(f.key(Owner.tenant(tenant), T0.plusSeconds(1)), "prod-b")
        .withBlocked(true);
    VirtualKey prodC = named(f.key(Owner.tenant(tenant), T0.plusSeconds(2)), "prod-c");
    prodC = prodC.withAttributes(prodC.alias(), prodC.allowedModels(),
        java.util.Optional.of(T0.plusSeconds(60)), prodC.metadata());
    VirtualKey dev = named(f.key(Owner.tenant(tenant), T0.plusSeconds(3)), "dev");
    VirtualKey elsewhere = named(f.key(Owner.tenant(f.tenant()), T0), "prod-x");
    for (VirtualKey k : List.of(prodA, prodB, prodC, dev, elsewhere)) {
      store.save(k);
    }
    Instant now = T0.plusSeconds(120);
    KeyFilter prod = new KeyFilter(java.util.Optional.of("PROD"), java.util.Optional.empty());
    assertThat(store.listMatching(tenant, java.util.Optional.empty(), prod, now, 0, 10))
        .extracting(VirtualKey::id).containsExactly(prodA.id(), prodB.id(), prodC.id());
    assertThat(store.listMatching(tenant, java.util.Optional.empty(), prod, now, 1, 1))
        .extracting(VirtualKey::id).containsExactly(prodB.id());
    assertThat(store.listMatching(tenant, java.util.Optional.empty(), new KeyFilter(
        java.util.Optional.empty(), java.util.Optional.of(KeyFilter.State.ACTIVE)), now, 0, 10))
        .extracting(VirtualKey::id).containsExactly(prodA.id(), dev.id());
    assertThat(store.listMatching(tenant, java.util.Optional.empty(), new KeyFilter(
        java.util.Optional.empty(), java.util.Optional.of(KeyFilter.State.BLOCKED)), now, 0, 10))
        .extracting(VirtualKey::id).containsExactly(prodB.id());
    assertThat(store.listMatching(tenant, java.util.Optional.empty(), new KeyFilter(
        java.util.Optional.of(dev.id().value().substring(4)),
        java.util.Optional.of(KeyFilter.State.ACTIVE)), now, 0, 10))
        .extracting(VirtualKey::id).containsExactly(dev.id());
    assertThat(store.listMatching(tenant, java.util.Optional.empty(), new KeyFilter(
        java.util.Optional.of("prod"), java.util.Optional.of(KeyFilter.State.EXPIRED)), now, 0, 10))
        .extracting(VirtualKey::id).containsExactly(prodC.id());
  }

  @Test
  void anAliasIsUniqueWithinATenantAndNamesItsKey() {
    TenantId tenant = f.tenant();
    VirtualKey first = named(f.key(Owner.tenant(tenant), T0), "prod");
    VirtualKey second = named(f.key(Owner.tenant(tenant), T0.plusSeconds(1)), "prod");
    VirtualKey elsewhere = named(f.key(Owner.tenant(f.tenant()), T0), "prod");
    store.save(first);

    assertThatThrownBy(() -> store.save(second)).isInstanceOf(DuplicateAliasException.class);
    store.save(elsewhere);

    assertThat(store.findById(second.id())).isEmpty();
    assertThat(store.findByHash(second.hash())).isEmpty();
    assertThat(store.findByAlias(tenant, "prod")).contains(first);
    assertThat(store.findByAlias(elsewhere.owner().tenant(), "prod")).contains(elsewhere);
    assertThat(store.findByAlias(tenant, "other")).isEmpty();
  }

  @Test
  void renamingOrDeletingAKeyFreesItsAliasAndSavingItAgainKeepsIt() {
    TenantId tenant = f.tenant();
    VirtualKey first = named(f.key(Owner.tenant(tenant), T0), "prod");
    store.save(first);
    store.save(first.withBlocked(true)); // the same key again: its own alias is no conflict

    VirtualKey renamed = named(first, "old-prod");
    store.save(renamed);
    VirtualKey second = named(f.key(Owner.tenant(tenant), T0), "prod");
    store.save(second);
    store.delete(second.id());
    VirtualKey third = named(f.key(Owner.tenant(tenant), T0), "prod");
    store.save(third);

    assertThat(store.findByAlias(tenant, "old-prod")).contains(renamed);
    assertThat(store.findByAlias(tenant, "prod")).contains(third);
  }

  @Test
  void anEmptyAliasNamesNothingAndMayRepeat() {
    TenantId tenant = f.tenant();
    VirtualKey a = named(f.key(Owner.tenant(tenant), T0), "");
    VirtualKey b = named(f.key(Owner.tenant(tenant), T0), "");
    store.save(a);
    store.save(b);

    assertThat(store.findById(b.id())).contains(b);
    assertThat(store.findByAlias(tenant, "")).isEmpty();
  }

  @Test
  void unknownIdsAndHashesAreEmpty() {
    assertThat(store.findById(f.keyId())).isEmpty();
    assertThat(store.findByHash(f.hash())).isEmpty();
  }

  @Test
  void savingAgainReplacesTheKey() {
    VirtualKey key = f.key(Owner.tenant(f.tenant()), T0);
    store.save(key);

    VirtualKey blocked = key.withBlocked(true);
    store.save(blocked);

    assertThat(store.findById(key.id())).contains(blocked);
    assertThat(store.findByHash(key.hash())).contains(blocked);
    assertThat(store.listByTenant(key.owner().tenant(), 0, 10)).containsExactly(blocked);
  }

  @Test
  void replacingTheHashMovesTheHashIndexAndFreesTheOldHash() {
    Owner owner = Owner.tenant(f.tenant());
    VirtualKey key = f.key(owner, T0);
    store.save(key);
    KeyHash rotated = f.hash();

    VirtualKey replaced = Fixtures.key(key.id(), rotated, owner, T0);
    store.save(replaced);

    assertThat(store.findByHash(rotated)).contains(replaced);
    assertThat(store.findByHash(key.hash())).isEmpty();
    VirtualKey other = Fixtures.key(f.keyId(), key.hash(), owner, T0.plusSeconds(1));
    store.save(other);
    assertThat(store.findByHash(key.hash())).contains(other);
  }

  @Test
  void aHashUsedByAnotherKeyIsRefusedAndNothingChanges() {
    Owner owner = Owner.tenant(f.tenant());
    VirtualKey first = f.key(owner, T0);
    store.save(first);
    VirtualKey clash = Fixtures.key(f.keyId(), first.hash(), owner, T0.plusSeconds(1));

    assertThatThrownBy(() -> store.save(clash)).isInstanceOf(IllegalArgumentException.class);

    assertThat(store.findByHash(first.hash())).contains(first);
    assertThat(store.findById(clash.id())).isEmpty();
    assertThat(store.listByTenant(owner.tenant(), 0, 10)).containsExactly(first);
  }

  @Test
  void aTenantNeverSeesAnotherTenantsKeys() {
    TenantId a = f.tenant();
    TenantId b = f.tenant();
    VirtualKey a1 = f.key(Owner.tenant(a), T0);
    VirtualKey b1 = f.key(Owner.tenant(b), T0);
    VirtualKey a2 = f.key(Owner.team(a, f.team()), T0.plusSeconds(1));
    VirtualKey b2 = f.key(Owner.team(b, f.team()), T0.plusSeconds(1));
    List.of(a1, b1, a2, b2).forEach(store::save);

    assertThat(store.listByTenant(a, 0, 1000)).containsExactly(a1, a2);
    assertThat(store.listByTenant(b, 0, 1000)).containsExactly(b1, b2);
    assertThat(store.listByTenant(f.tenant(), 0, 1000)).isEmpty();
  }

  @Test
  void keysAreListedByCreationTimeThenId() {
    TenantId tenant = f.tenant();
    KeyId earlierId = f.keyId();
    KeyId laterId = f.keyId();
    VirtualKey newest = f.key(Owner.tenant(tenant), T0.plusSeconds(60));
    VirtualKey sameTimeLaterId = Fixtures.key(laterId, f.hash(), Owner.tenant(tenant), T0);
    VirtualKey sameTimeEarlierId = Fixtures.key(earlierId, f.hash(), Owner.tenant(tenant), T0);
    VirtualKey oldest = f.key(Owner.tenant(tenant), T0.minusSeconds(60));
    List.of(newest, sameTimeLaterId, sameTimeEarlierId, oldest).forEach(store::save);

    assertThat(store.listByTenant(tenant, 0, 10))
        .containsExactly(oldest, sameTimeEarlierId, sameTimeLaterId, newest);
  }

  @Test
  void pagesTileTheListWithoutGapsOrRepeats() {
    TenantId tenant = f.tenant();
    List<VirtualKey> saved = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      VirtualKey key = f.key(Owner.tenant(tenant), T0.plusSeconds(i));
      saved.add(key);
    }
    saved.reversed().forEach(store::save);

    List<VirtualKey> paged = new ArrayList<>();
    for (int offset = 0; offset < 30; offset += 10) {
      paged.addAll(store.listByTenant(tenant, offset, 10));
    }

    assertThat(paged).containsExactlyElementsOf(saved);
    assertThat(store.listByTenant(tenant, 20, 10)).hasSize(5);
    assertThat(store.listByTenant(tenant, 25, 10)).isEmpty();
    assertThat(store.listByTenant(tenant, 0, 0)).isEmpty();
  }

  @Test
  void aPageLargerThanTheMaximumIsAProgrammerError() {
    TenantId tenant = f.tenant();

    assertThat(store.listByTenant(tenant, 0, 1000)).isEmpty();
    assertThatThrownBy(() -> store.listByTenant(tenant, 0, 1001))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final Instant GRACE_END = T0.plusSeconds(3600);

  /** {@code key} after a rotation to a fresh hash, its old hash accepted until {@link #GRACE_END}. */
  private VirtualKey rotated(VirtualKey key) {
    return key.rotatedTo(f.hash(), "sk-tg-...rot1", GRACE_END, T0.plusSeconds(10));
  }

  @Test
  void deletingAKeyRemovesItAndFreesItsHashes() {
    Owner owner = Owner.team(f.tenant(), f.team());
    VirtualKey original = f.key(owner, T0);
    VirtualKey key = rotated(original);
    store.save(key);

    assertThat(store.delete(key.id())).isTrue();

    assertThat(store.findById(key.id())).isEmpty();
    assertThat(store.findByHash(key.hash())).isEmpty();
    assertThat(store.findByHash(original.hash())).isEmpty();
    assertThat(store.listByTenant(owner.tenant(), 0, 10)).isEmpty();
    assertThat(store.listByTenant(owner.tenant(), owner.team(), 0, 10)).isEmpty();
    assertThat(store.delete(key.id())).isFalse();
    VirtualKey successor = Fixtures.key(f.keyId(), original.hash(), owner, T0.plusSeconds(1));
    store.save(successor);
    assertThat(store.findByHash(original.hash())).contains(successor);
  }

  @Test
  void deletingAnUnknownKeyIsFalseAndTouchesNoOtherKey() {
    VirtualKey kept = f.key(Owner.tenant(f.tenant()), T0);
    store.save(kept);

    assertThat(store.delete(f.keyId())).isFalse();

    assertThat(store.findById(kept.id())).contains(kept);
  }

  @Test
  void aTeamFilterListsOnlyThatTeamsKeysOfThatTenant() {
    TenantId a = f.tenant();
    TenantId b = f.tenant();
    TeamId ml = TeamId.of("ml");
    TeamId ops = f.team();
    VirtualKey aMl1 = f.key(Owner.team(a, ml), T0);
    VirtualKey aOps = f.key(Owner.team(a, ops), T0.plusSeconds(1));
    VirtualKey aNoTeam = f.key(Owner.tenant(a), T0.plusSeconds(2));
    VirtualKey aMl2 = f.key(Owner.team(a, ml), T0.plusSeconds(3));
    VirtualKey aMl3 = f.key(Owner.team(a, ml), T0.plusSeconds(4));
    VirtualKey bMl = f.key(Owner.team(b, ml), T0.plusSeconds(1));
    List.of(aMl3, bMl, aNoTeam, aMl2, aOps, aMl1).forEach(store::save);

    assertThat(store.listByTenant(a, Optional.of(ml), 0, 10)).containsExactly(aMl1, aMl2, aMl3);
    assertThat(store.listByTenant(a, Optional.of(ml), 1, 1)).containsExactly(aMl2);
    assertThat(store.listByTenant(a, Optional.of(ml), 3, 10)).isEmpty();
    assertThat(store.listByTenant(a, Optional.of(ops), 0, 10)).containsExactly(aOps);
    assertThat(store.listByTenant(b, Optional.of(ml), 0, 10)).containsExactly(bMl);
    assertThat(store.listByTenant(b, Optional.of(ops), 0, 10)).isEmpty();
    assertThat(store.listByTenant(a, Optional.empty(), 0, 10))
        .containsExactly(aMl1, aOps, aNoTeam, aMl2, aMl3);
    assertThatThrownBy(() -> store.listByTenant(a, Optional.of(ml), 0, KeyStore.MAX_PAGE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRotatedKeyIsFoundByItsCurrentAndItsPreviousHash() {
    Owner owner = Owner.tenant(f.tenant());
    VirtualKey original = f.key(owner, T0);
    store.save(original);

    VirtualKey key = rotated(original);
    store.save(key);

    assertThat(key.previous()).contains(new RetiredHash(original.hash(), GRACE_END));
    assertThat(store.findByHash(key.hash())).contains(key);
    assertThat(store.findByHash(original.hash())).contains(key);
    assertThat(store.findById(key.id())).contains(key);
    assertThat(store.listByTenant(owner.tenant(), 0, 10)).containsExactly(key);
  }

  @Test
  void rotatingAgainFreesTheHashBeforeThePrevious() {
    Owner owner = Owner.tenant(f.tenant());
    VirtualKey original = f.key(owner, T0);
    VirtualKey once = rotated(original);
    VirtualKey twice = rotated(once);
    store.save(once);

    store.save(twice);

    assertThat(store.findByHash(once.hash())).contains(twice);
    assertThat(store.findByHash(original.hash())).isEmpty();
    VirtualKey other = Fixtures.key(f.keyId(), original.hash(), owner, T0);
    store.save(other);
    assertThat(store.findByHash(original.hash())).contains(other);
  }

  @Test
  void aPreviousHashCannotBeTakenByAnotherKey() {
    Owner owner = Owner.tenant(f.tenant());
    VirtualKey original = f.key(owner, T0);
    VirtualKey key = rotated(original);
    store.save(key);

    VirtualKey asCurrent = Fixtures.key(f.keyId(), original.hash(), owner, T0);
    assertThatThrownBy(() -> store.save(asCurrent)).isInstanceOf(IllegalArgumentException.class);
    VirtualKey stealsPrevious = new VirtualKey(f.keyId(), f.hash(), owner, "thief",
        "sk-tg-...thf1", Set.of(), Optional.empty(), false, T0, KeyRole.INFERENCE, Map.of(),
        Optional.of(new RetiredHash(original.hash(), GRACE_END)));
    assertThatThrownBy(() -> store.save(stealsPrevious))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.findByHash(original.hash())).contains(key);
    assertThat(store.findById(asCurrent.id())).isEmpty();
    assertThat(store.findById(stealsPrevious.id())).isEmpty();
    assertThat(store.findByHash(stealsPrevious.hash())).isEmpty();
    assertThat(store.listByTenant(owner.tenant(), 0, 10)).containsExactly(key);
  }

  @Test
  void aRotationOntoAnotherKeysCurrentHashIsRefused() {
    Owner owner = Owner.tenant(f.tenant());
    VirtualKey holder = f.key(owner, T0);
    VirtualKey other = f.key(owner, T0.plusSeconds(1));
    store.save(holder);
    store.save(other);

    VirtualKey clash = other.rotatedTo(holder.hash(), "sk-tg-...clsh", GRACE_END, T0);
    assertThatThrownBy(() -> store.save(clash)).isInstanceOf(IllegalArgumentException.class);
    VirtualKey retiresHolders = new VirtualKey(other.id(), f.hash(), owner, other.alias(),
        other.hint(), Set.of(), Optional.empty(), false, other.createdAt(), KeyRole.INFERENCE,
        Map.of(), Optional.of(new RetiredHash(holder.hash(), GRACE_END)));
    assertThatThrownBy(() -> store.save(retiresHolders))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.findByHash(holder.hash())).contains(holder);
    assertThat(store.findById(other.id())).contains(other);
    assertThat(store.findByHash(other.hash())).contains(other);
  }

  @Test
  void roleMetadataAndEveryOtherAttributeRoundTrip() {
    Owner owner = Owner.team(f.tenant(), f.team());
    Map<String, String> metadata = Map.of(
        "purpose", "nightly «batch» 東京 🚀",
        "quotes", "it's \"quoted\", {braced}, back\\slash",
        "empty", "",
        "json", "{\"a\": [1, null]}");
    VirtualKey admin = new VirtualKey(f.keyId(), f.hash(), owner, "ops script «ü»", "sk-tg-...adm1",
        Set.of(ModelName.of("gpt-4o"), ModelName.of("llama3:8b")),
        Optional.of(T0.plusSeconds(86_400)), true, T0, KeyRole.TENANT_ADMIN, metadata,
        Optional.of(new RetiredHash(f.hash(), GRACE_END)));

    store.save(admin);

    VirtualKey read = store.findById(admin.id()).orElseThrow();
    assertThat(read).isEqualTo(admin);
    assertThat(read.role()).isEqualTo(KeyRole.TENANT_ADMIN);
    assertThat(read.metadata()).isEqualTo(metadata);
    assertThat(store.findByHash(admin.previous().orElseThrow().hash())).contains(admin);
    VirtualKey relabelled = admin.withAttributes(admin.alias(), admin.allowedModels(),
        admin.expiresAt(), Map.of());
    store.save(relabelled);
    assertThat(store.findById(admin.id())).contains(relabelled);
  }

  @RepeatedTest(3) // a race shows up by chance: a few fresh rounds make a miss unlikely
  void concurrentSavesOfOneHashHaveExactlyOneWinner() {
    Owner owner = Owner.tenant(f.tenant());
    KeyHash contested = f.hash();
    List<VirtualKey> candidates = new ArrayList<>();
    for (int i = 0; i < Parallel.THREADS; i++) {
      // Half want it as their current hash, half as their previous one.
      Optional<RetiredHash> previous = i % 2 == 0
          ? Optional.empty() : Optional.of(new RetiredHash(contested, GRACE_END));
      candidates.add(new VirtualKey(f.keyId(), i % 2 == 0 ? contested : f.hash(), owner,
          "candidate " + i, "sk-tg-...c" + i, Set.of(), Optional.empty(), false, T0,
          KeyRole.INFERENCE, Map.of(), previous));
    }

    List<Boolean> saved = Parallel.run(Parallel.THREADS, i -> {
      try {
        store.save(candidates.get(i));
        return true;
      } catch (IllegalArgumentException refused) {
        return false;
      }
    });

    assertThat(saved).filteredOn(Boolean::booleanValue).hasSize(1);
    VirtualKey winner = candidates.get(saved.indexOf(true));
    assertThat(store.findByHash(contested)).contains(winner);
    assertThat(store.listByTenant(owner.tenant(), 0, 100)).containsExactly(winner);
  }
}
