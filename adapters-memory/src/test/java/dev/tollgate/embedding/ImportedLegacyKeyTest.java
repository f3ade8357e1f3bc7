package dev.tollgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.AuthenticateKey;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Tollgate;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A secret without Tollgate's checksum opens only a key imported with the legacy flag; anything not
 * shaped like a LiteLLM key is refused before any lookup.
 */
class ImportedLegacyKeyTest {

  static final String SECRET = "sk-Qm3vX9LrT2bHcW8eNpJ5aQ";
  static final KeyHash HASH = new KeyHash(LitellmImportServiceTest.hash(SECRET));

  private final AtomicInteger lookups = new AtomicInteger();
  private final Stores stores = counting(InMemoryStores.create());
  private final Tollgate tollgate =
      Tollgate.create(stores, Clock.systemUTC(), new SplittableRandom(5));

  private static VirtualKey key(boolean legacy) {
    return new VirtualKey(KeyId.of("k1"), HASH, Owner.tenant(TenantId.of("t")), "", "sk-…5aQ",
        Set.of(), Optional.empty(), false, Instant.EPOCH, KeyRole.INFERENCE, Map.of(),
        Optional.empty(), legacy);
  }

  @Test
  void anImportedKeysLitellmSecretOpensIt() {
    stores.keys().save(key(true));

    assertThat(tollgate.authenticate().authenticate(SECRET))
        .isInstanceOf(AuthenticateKey.Authenticated.class);
  }

  @Test
  void theSameHashOnAKeyNotFlaggedAsImportedOpensNothing() {
    stores.keys().save(key(false));

    assertThat(reason(SECRET)).isEqualTo(DenialReason.UNKNOWN_KEY);
  }

  @Test
  void aStringOfNeitherShapeIsRefusedWithoutALookup() {
    stores.keys().save(key(true));
    lookups.set(0);

    assertThat(reason("Bearer-nonsense")).isEqualTo(DenialReason.MALFORMED_KEY);
    assertThat(reason("sk-tg-mistyped-native-key")).isEqualTo(DenialReason.MALFORMED_KEY);
    assertThat(reason("sk-has space")).isEqualTo(DenialReason.MALFORMED_KEY);
    assertThat(lookups).hasValue(0);
  }

  private DenialReason reason(String presented) {
    AuthenticateKey.Answer answer = tollgate.authenticate().authenticate(presented);
    assertThat(answer).isInstanceOf(AuthenticateKey.Refused.class);
    return ((AuthenticateKey.Refused) answer).denial().reason();
  }

  private Stores counting(Stores s) {
    KeyStore keys = s.keys();
    KeyStore counted = new KeyStore() {
      @Override
      public void save(VirtualKey key) {
        keys.save(key);
      }

      @Override
      public Optional<VirtualKey> findByHash(KeyHash hash) {
        lookups.incrementAndGet();
        return keys.findByHash(hash);
      }

      @Override
      public Optional<VirtualKey> findById(KeyId id) {
        return keys.findById(id);
      }

      @Override
      public boolean delete(KeyId id) {
        return keys.delete(id);
      }

      @Override
      public java.util.List<VirtualKey> listByTenant(TenantId tenant,
          Optional<dev.tollgate.domain.tenancy.TeamId> team, int offset, int limit) {
        return keys.listByTenant(tenant, team, offset, limit);
      }
    };
    return new Stores(counted, s.budgets(), s.rates(), s.slots(), s.ledger(), s.prices(),
        s.models(), s.tenants());
  }
}
