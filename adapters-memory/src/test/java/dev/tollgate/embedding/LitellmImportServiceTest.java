package dev.tollgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.service.ImportLitellmCommand;
import dev.tollgate.port.in.admin.ImportMapping;
import dev.tollgate.port.in.admin.ImportReport;
import dev.tollgate.port.in.admin.ImportReport.Outcome;
import dev.tollgate.port.out.litellm.LitellmLimits;
import dev.tollgate.port.out.litellm.LitellmSnapshot;
import dev.tollgate.service.Administration;
import dev.tollgate.service.LitellmImporter;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Tollgate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The import's decisions over the in-memory stores, from a snapshot as the PostgreSQL reader makes
 * it: the tenant mappings, dry runs, idempotency, rounding and what it refuses. (The reader and the
 * whole path through /v1 are proven on PostgreSQL by LitellmImportTest in app-helidon.)
 */
class LitellmImportServiceTest {

  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Actor OPERATOR = Actor.platform("cli:test");
  static final ModelName MODEL = ModelName.of("m");
  static final String SECRET = "sk-Qm3vX9LrT2bHcW8eNpJ5aQ";

  private Stores stores;
  private Administration admin;
  private LitellmImporter importer;
  private Tollgate tollgate;

  @BeforeEach
  void stores() {
    stores = InMemoryStores.create();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    stores.models().seed(ModelSpec.of(MODEL, 1_000), Instant.EPOCH);
    stores.prices().add(new PriceVersion(MODEL, Instant.EPOCH,
        TokenPrices.of(PricePerMillion.usd("1.00"), PricePerMillion.usd("1.00"))));
    admin = Administration.create(stores, InMemoryStores.admin(), clock, new SplittableRandom(1));
    importer = new LitellmImporter(admin.tenants(), admin.limits(), stores, clock);
    tollgate = Tollgate.create(stores, clock, new SplittableRandom(2));
  }

  private ImportReport run(LitellmSnapshot snapshot, ImportMapping mapping, boolean dry) {
    return importer.run(new ImportLitellmCommand(() -> snapshot, mapping, dry, OPERATOR));
  }

  @Test
  void teamsAsTenantsPutEachTeamInATenantOfItsOwnAndTheOthersInTheDefault() {
    LitellmSnapshot snapshot = snapshot(List.of(team("team-a", false)),
        List.of(key(SECRET, Optional.of("team-a"), "0.25", budget("1", "30d")),
            key("sk-AnotherK3yWithoutTeam1", Optional.empty(), "0", LitellmLimits.NONE)),
        List.of());

    run(snapshot, new ImportMapping(ImportMapping.TenantsFrom.TEAMS, TenantId.of("rest"),
        TenantId.of("rest")), false);

    assertThat(stores.keys().findById(keyId(SECRET)).orElseThrow().owner())
        .isEqualTo(Owner.team(TenantId.of("team-a"), TeamId.of("team-a")));
    assertThat(stores.keys().findById(keyId("sk-AnotherK3yWithoutTeam1")).orElseThrow().owner())
        .isEqualTo(Owner.tenant(TenantId.of("rest")));
  }

  @Test
  void aDryRunWritesNothingAndASecondRunImportsNothingTwice() {
    LitellmSnapshot snapshot = snapshot(List.of(team("team-a", false)),
        List.of(key(SECRET, Optional.of("team-a"), "0.25", budget("1", "30d"))),
        List.of(endUser("cust", "0.5", budget("2", null))));
    ImportMapping single = new ImportMapping(ImportMapping.TenantsFrom.SINGLE,
        TenantId.of("acme"), TenantId.of("acme"));

    ImportReport dry = run(snapshot, single, true);
    assertThat(dry.count("key", Outcome.WOULD_IMPORT)).isEqualTo(1);
    assertThat(stores.keys().findById(keyId(SECRET))).isEmpty();
    assertThat(admin.stores().directory().findTenant(TenantId.of("acme"))).isEmpty();

    ImportReport first = run(snapshot, single, false);
    ImportReport second = run(snapshot, single, false);

    assertThat(first.count("key", Outcome.IMPORTED)).isEqualTo(1);
    assertThat(second.lines()).noneMatch(l -> l.outcome() == Outcome.IMPORTED);
    assertThat(second.count("key", Outcome.EXISTS)).isEqualTo(1);
    assertThat(second.count("end_user", Outcome.EXISTS)).isEqualTo(1);
    assertThat(tollgate.spend().budget(Scope.key(keyId(SECRET))).orElseThrow().posted())
        .isEqualTo(Money.usd("0.25"));
    assertThat(tollgate.spend().budget(Scope.endUser(TenantId.of("acme"), EndUserId.of("cust")))
        .orElseThrow().posted()).isEqualTo(Money.usd("0.5"));
    assertThat(tollgate.spend().entryOf(RequestId.of("litellm-import:" + keyId(SECRET).value())))
        .hasValueSatisfying(e -> assertThat(e.cost()).isEqualTo(Money.usd("0.25")));
  }

  @Test
  void spendRoundsUpAndLimitsRoundDownToTheNanoDollar() {
    LitellmSnapshot snapshot = snapshot(List.of(), List.of(
        key(SECRET, Optional.empty(), "0.1234567891", budget("0.9999999999", null))), List.of());

    run(snapshot, ImportMapping.defaults(), false);

    var budget = tollgate.spend().budget(Scope.key(keyId(SECRET))).orElseThrow();
    assertThat(budget.budget().limit()).isEqualTo(Money.ofNanoUsd(999_999_999));
    assertThat(budget.posted()).isEqualTo(Money.ofNanoUsd(123_456_790));
  }

  @Test
  void theImportedSecretOpensItsKeyAndABlockedTeamsKeysAreImportedBlocked() {
    LitellmSnapshot snapshot = snapshot(List.of(team("frozen", true)), List.of(
        key(SECRET, Optional.empty(), "0", LitellmLimits.NONE),
        key("sk-FrozenTeamKeyAbCdEfGh", Optional.of("frozen"), "0", LitellmLimits.NONE)),
        List.of());

    run(snapshot, ImportMapping.defaults(), false);

    assertThat(authorize(SECRET)).isInstanceOf(Admission.Admitted.class);
    assertThat(authorize("sk-FrozenTeamKeyAbCdEfGh")).isInstanceOfSatisfying(Admission.Denied.class,
        d -> assertThat(d.reason()).isEqualTo(DenialReason.KEY_BLOCKED));
  }

  @Test
  void whatTollgateCannotHoldIsSkippedWithItsReason() {
    LitellmSnapshot snapshot = new LitellmSnapshot(List.of(), List.of(),
        List.of(new LitellmSnapshot.User("bob", Optional.empty(), BigDecimal.ONE, budget("5", null))),
        List.of(key(SECRET, Optional.empty(), "0", budget("1", "12h")),
            new LitellmSnapshot.Key("litellm_proxy_master_key", Optional.empty(), Optional.empty(),
                BigDecimal.ZERO, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), false, LitellmLimits.NONE, false, Optional.empty())),
        List.of(), List.of(), List.of());

    ImportReport report = run(snapshot, ImportMapping.defaults(), false);

    assertThat(report.lines()).anySatisfy(l -> {
      assertThat(l.kind()).isEqualTo("budget");
      assertThat(l.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(l.detail()).contains("'12h'", "whole UTC days");
    });
    assertThat(report.count("key", Outcome.SKIPPED)).isEqualTo(1);
    assertThat(report.count("user", Outcome.SKIPPED)).isEqualTo(1);
  }

  private Admission authorize(String secret) {
    ApiKeySecret parsed = dev.tollgate.domain.key.KeyFormat.parse(secret)
        instanceof dev.tollgate.domain.key.KeyFormat.Wellformed w
        ? w.secret() : dev.tollgate.domain.key.LegacyKeyFormat.parse(secret).orElseThrow();
    return tollgate.authorize().authorize(new AuthorizeCommand(parsed, MODEL.value(),
        RequestId.of("r-" + secret.hashCode()), 10, OptionalLong.of(10), Optional.empty()));
  }

  static KeyId keyId(String secret) {
    return KeyId.of("ll-" + hash(secret).substring(0, 24));
  }

  static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static LitellmLimits budget(String max, String duration) {
    return LitellmLimits.budget(max, duration, null);
  }

  static LitellmSnapshot snapshot(List<LitellmSnapshot.Team> teams, List<LitellmSnapshot.Key> keys,
      List<LitellmSnapshot.EndUser> endUsers) {
    return new LitellmSnapshot(List.of(), teams, List.of(), keys, endUsers, List.of(), List.of());
  }

  static LitellmSnapshot.Team team(String id, boolean blocked) {
    return new LitellmSnapshot.Team(id, Optional.of(id + " team"), Optional.empty(), List.of(),
        BigDecimal.ZERO, LitellmLimits.NONE, blocked, Map.of());
  }

  static LitellmSnapshot.Key key(String secret, Optional<String> team, String spend,
      LitellmLimits limits) {
    return new LitellmSnapshot.Key(hash(secret), Optional.of("sk-..." + secret.substring(
        secret.length() - 4)), Optional.empty(), new BigDecimal(spend), Optional.empty(),
        List.of(), Optional.empty(), team, Optional.empty(), Map.of("env", "prod"), false, limits,
        false, Optional.empty());
  }

  static LitellmSnapshot.EndUser endUser(String id, String spend, LitellmLimits limits) {
    return new LitellmSnapshot.EndUser(id, Optional.empty(), new BigDecimal(spend), limits, false);
  }
}
