package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.Tenant;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.TenantDirectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TenantDirectory} promises. The store may hold other tests' tenants, so lists
 * start from a cursor just below this test's ids (they share a prefix and sort in creation order).
 */
public abstract class TenantDirectoryContract {

  /** A directory for this test; it may hold other tests' tenants, never ones with these ids. */
  protected abstract TenantDirectory newDirectory();

  private static final TeamId ML = TeamId.of("ml");

  private final Fixtures f = new Fixtures();
  private TenantDirectory directory;

  @BeforeEach
  void openDirectory() {
    directory = newDirectory();
  }

  private Tenant tenant(String name) {
    return new Tenant(f.tenant(), name, Map.of("owner", "platform"), T0);
  }

  private static Team team(TenantId tenant, TeamId id, String name) {
    return new Team(tenant, id, name, Map.of(), T0.plusSeconds(1));
  }

  /** The id just below every id {@code first}'s fixtures made after it (same prefix, counter 0). */
  private static String cursorBefore(String first) {
    return first.substring(0, first.lastIndexOf('-')) + "-00000";
  }

  @Test
  void aCreatedTenantIsFoundAndADuplicateIsRefusedKeepingTheFirst() {
    Tenant tenant = tenant("Acme «ünïcode» \"quoted\"");
    assertThat(directory.createTenant(tenant)).isTrue();

    Tenant again = new Tenant(tenant.id(), "Impostor", Map.of(), T0.plusSeconds(5));
    assertThat(directory.createTenant(again)).isFalse();

    assertThat(directory.findTenant(tenant.id())).contains(tenant);
    assertThat(directory.findTenant(f.tenant())).isEmpty();
  }

  @Test
  void onlyAnExistingTenantIsUpdated() {
    Tenant tenant = tenant("Before");
    directory.createTenant(tenant);
    Tenant renamed = tenant.withDetails("After", Map.of("tier", "gold", "région", "eu-ouest"));

    assertThat(directory.updateTenant(renamed)).isTrue();
    assertThat(directory.findTenant(tenant.id())).contains(renamed);

    Tenant unknown = tenant("Nobody");
    assertThat(directory.updateTenant(unknown)).isFalse();
    assertThat(directory.findTenant(unknown.id())).isEmpty();
  }

  @Test
  void deletingATenantRemovesItsTeamsAndOnlyItsTeams() {
    Tenant doomed = tenant("Doomed");
    Tenant kept = tenant("Kept");
    directory.createTenant(doomed);
    directory.createTenant(kept);
    directory.createTeam(team(doomed.id(), ML, "ML"));
    directory.createTeam(team(doomed.id(), f.team(), "Ops"));
    Team keptMl = team(kept.id(), ML, "ML");
    directory.createTeam(keptMl);

    assertThat(directory.deleteTenant(doomed.id())).isTrue();

    assertThat(directory.findTenant(doomed.id())).isEmpty();
    assertThat(directory.findTeam(doomed.id(), ML)).isEmpty();
    assertThat(directory.listTeams(doomed.id(), Optional.empty(), 10)).isEmpty();
    assertThat(directory.deleteTenant(doomed.id())).isFalse();
    assertThat(directory.findTeam(kept.id(), ML)).contains(keptMl);
    // A tenant created again under the same id starts without teams.
    directory.createTenant(doomed);
    assertThat(directory.listTeams(doomed.id(), Optional.empty(), 10)).isEmpty();
  }

  @Test
  void tenantPagesByIdTileTheListWithoutGapsOrRepeats() {
    List<Tenant> created = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      created.add(tenant("Tenant " + i));
    }
    List<Tenant> shuffled = new ArrayList<>(created);
    Collections.shuffle(shuffled, new Random(42));
    shuffled.forEach(directory::createTenant);

    List<Tenant> paged = new ArrayList<>();
    Optional<TenantId> after = Optional.of(TenantId.of(cursorBefore(created.getFirst().id().value())));
    for (int page = 0; page < 3; page++) {
      List<Tenant> got = directory.listTenants(after, 10);
      paged.addAll(got);
      after = Optional.of(got.getLast().id());
    }

    assertThat(paged.subList(0, 25)).containsExactlyElementsOf(created);
    assertThat(directory.listTenants(Optional.of(created.get(9).id()), 5))
        .containsExactlyElementsOf(created.subList(10, 15));
  }

  @Test
  void aTenantAddedBehindTheCursorDoesNotShiftTheNextPage() {
    List<Tenant> created = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      created.add(tenant("Tenant " + i));
    }
    // Created out of order: the first id is added after the first page was read.
    created.subList(1, 6).forEach(directory::createTenant);
    Optional<TenantId> start = Optional.of(TenantId.of(cursorBefore(created.getFirst().id().value())));
    List<Tenant> first = directory.listTenants(start, 3);

    directory.createTenant(created.getFirst());
    List<Tenant> second = directory.listTenants(Optional.of(first.getLast().id()), 2);

    assertThat(first).containsExactlyElementsOf(created.subList(1, 4));
    assertThat(second).containsExactlyElementsOf(created.subList(4, 6));
  }

  @Test
  void twoTenantsMayBothHaveATeamMlAndNeverSeeEachOthers() {
    Tenant a = tenant("A");
    Tenant b = tenant("B");
    directory.createTenant(a);
    directory.createTenant(b);
    Team aMl = team(a.id(), ML, "A's ML");
    Team bMl = team(b.id(), ML, "B's ML");

    assertThat(directory.createTeam(aMl)).isTrue();
    assertThat(directory.createTeam(bMl)).isTrue();
    assertThat(directory.createTeam(team(a.id(), ML, "again"))).isFalse();

    assertThat(directory.findTeam(a.id(), ML)).contains(aMl);
    assertThat(directory.findTeam(b.id(), ML)).contains(bMl);
    assertThat(directory.listTeams(a.id(), Optional.empty(), 10)).containsExactly(aMl);
    assertThat(directory.listTeams(b.id(), Optional.empty(), 10)).containsExactly(bMl);

    Team renamed = aMl.withDetails("A's renamed ML", Map.of("cost-center", "42"));
    assertThat(directory.updateTeam(renamed)).isTrue();
    assertThat(directory.findTeam(b.id(), ML)).contains(bMl);
    assertThat(directory.deleteTeam(a.id(), ML)).isTrue();
    assertThat(directory.deleteTeam(a.id(), ML)).isFalse();
    assertThat(directory.findTeam(a.id(), ML)).isEmpty();
    assertThat(directory.findTeam(b.id(), ML)).contains(bMl);
  }

  @Test
  void onlyAnExistingTeamIsUpdatedAndATeamNeedsItsTenant() {
    Tenant tenant = tenant("T");
    directory.createTenant(tenant);

    assertThat(directory.updateTeam(team(tenant.id(), ML, "ghost"))).isFalse();
    assertThat(directory.findTeam(tenant.id(), ML)).isEmpty();
    TenantId unknown = f.tenant();
    assertThat(directory.createTeam(team(unknown, ML, "orphan"))).isFalse();
    assertThat(directory.findTeam(unknown, ML)).isEmpty();
  }

  @Test
  void teamPagesByIdTileTheListWithoutGapsOrRepeats() {
    Tenant tenant = tenant("Many teams");
    Tenant neighbour = tenant("Neighbour");
    directory.createTenant(tenant);
    directory.createTenant(neighbour);
    List<Team> created = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      TeamId id = f.team();
      created.add(team(tenant.id(), id, "Team " + i));
      directory.createTeam(team(neighbour.id(), id, "Neighbour's " + i));
    }
    created.reversed().forEach(directory::createTeam);

    List<Team> paged = new ArrayList<>();
    Optional<TeamId> after = Optional.empty();
    for (int page = 0; page < 3; page++) {
      List<Team> got = directory.listTeams(tenant.id(), after, 5);
      paged.addAll(got);
      after = got.isEmpty() ? after : Optional.of(got.getLast().id());
    }

    assertThat(paged).containsExactlyElementsOf(created);
    assertThat(directory.listTeams(tenant.id(), Optional.of(created.getLast().id()), 5)).isEmpty();
  }

  @Test
  void pagesAreBoundedByTheirLimit() {
    Tenant tenant = tenant("Bounded");
    directory.createTenant(tenant);
    directory.createTeam(team(tenant.id(), ML, "ML"));

    assertThat(directory.listTenants(Optional.empty(), 0)).isEmpty();
    assertThat(directory.listTenants(Optional.empty(), 1)).hasSize(1);
    assertThat(directory.listTeams(tenant.id(), Optional.empty(), 0)).isEmpty();
    assertThatThrownBy(() -> directory.listTenants(Optional.empty(), TenantDirectory.MAX_PAGE + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> directory.listTeams(tenant.id(), Optional.empty(), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> directory.listTeams(tenant.id(), Optional.empty(), TenantDirectory.MAX_PAGE + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(directory.listTenants(Optional.empty(), TenantDirectory.MAX_PAGE)).isNotEmpty();
  }

  @Test
  void concurrentCreatesOfOneTenantOrTeamHaveExactlyOneWinner() {
    TenantId id = f.tenant();

    List<Boolean> tenants = Parallel.run(Parallel.THREADS,
        i -> directory.createTenant(new Tenant(id, "Racer " + i, Map.of(), T0)));
    List<Boolean> teams = Parallel.run(Parallel.THREADS,
        i -> directory.createTeam(team(id, ML, "Racer " + i)));

    assertThat(tenants).filteredOn(Boolean::booleanValue).hasSize(1);
    assertThat(directory.findTenant(id).orElseThrow().name())
        .isEqualTo("Racer " + tenants.indexOf(true));
    assertThat(teams).filteredOn(Boolean::booleanValue).hasSize(1);
    assertThat(directory.findTeam(id, ML).orElseThrow().name())
        .isEqualTo("Racer " + teams.indexOf(true));
  }
}
