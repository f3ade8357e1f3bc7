package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.KeyStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
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
}
