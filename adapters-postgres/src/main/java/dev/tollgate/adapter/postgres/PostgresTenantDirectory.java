package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.DirectoryMapper.TeamRow;
import dev.tollgate.adapter.postgres.DirectoryMapper.TenantRow;
import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.Tenant;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.TenantDirectory;
import java.util.List;
import java.util.Optional;

/**
 * Tenants in {@code tenants}, teams in {@code teams} under their tenant's foreign key (deleting a
 * tenant deletes its teams). Lists are keyset pages by id, {@code COLLATE "C"}: Java's order.
 */
public final class PostgresTenantDirectory implements TenantDirectory {

  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Db db;

  PostgresTenantDirectory(Db db) {
    this.db = db;
  }

  @Override
  public boolean createTenant(Tenant tenant) {
    return db.read("create tenant", tx -> mapper(tx).createTenant(toRow(tenant))) == 1;
  }

  @Override
  public Optional<Tenant> findTenant(TenantId id) {
    return Optional.ofNullable(db.read("find tenant", tx -> mapper(tx).tenant(id.value())))
        .map(PostgresTenantDirectory::toTenant);
  }

  @Override
  public boolean updateTenant(Tenant tenant) {
    return db.read("update tenant", tx -> mapper(tx).updateTenant(toRow(tenant))) == 1;
  }

  @Override
  public boolean deleteTenant(TenantId id) {
    return db.read("delete tenant", tx -> mapper(tx).deleteTenant(id.value())) == 1;
  }

  @Override
  public List<Tenant> listTenants(Optional<TenantId> after, int limit) {
    checkLimit(limit);
    String from = after.map(TenantId::value).orElse(null);
    return db.read("list tenants", tx -> mapper(tx).tenants(from, limit)).stream()
        .map(PostgresTenantDirectory::toTenant).toList();
  }

  @Override
  public boolean createTeam(Team team) {
    try {
      return db.read("create team", tx -> mapper(tx).createTeam(toRow(team))) == 1;
    } catch (StoreUnavailableException e) {
      if (FOREIGN_KEY_VIOLATION.equals(Db.sqlState(e))) {
        return false; // the tenant was deleted between the statement's check and its insert
      }
      throw e;
    }
  }

  @Override
  public Optional<Team> findTeam(TenantId tenant, TeamId id) {
    return Optional.ofNullable(
            db.read("find team", tx -> mapper(tx).team(tenant.value(), id.value())))
        .map(PostgresTenantDirectory::toTeam);
  }

  @Override
  public boolean updateTeam(Team team) {
    return db.read("update team", tx -> mapper(tx).updateTeam(toRow(team))) == 1;
  }

  @Override
  public boolean deleteTeam(TenantId tenant, TeamId id) {
    return db.read("delete team", tx -> mapper(tx).deleteTeam(tenant.value(), id.value())) == 1;
  }

  @Override
  public List<Team> listTeams(TenantId tenant, Optional<TeamId> after, int limit) {
    checkLimit(limit);
    String from = after.map(TeamId::value).orElse(null);
    return db.read("list teams", tx -> mapper(tx).teams(tenant.value(), from, limit)).stream()
        .map(PostgresTenantDirectory::toTeam).toList();
  }

  private static DirectoryMapper mapper(Tx tx) {
    return tx.mapper(DirectoryMapper.class);
  }

  private static void checkLimit(int limit) {
    if (limit < 0 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 0.." + MAX_PAGE);
    }
  }

  private static TenantRow toRow(Tenant t) {
    return new TenantRow(t.id().value(), t.name(), Labels.names(t.metadata()),
        Labels.values(t.metadata()), t.createdAt());
  }

  private static Tenant toTenant(TenantRow r) {
    return new Tenant(TenantId.of(r.id()), r.name(),
        Labels.of(r.metadataNames(), r.metadataValues()), r.createdAt());
  }

  private static TeamRow toRow(Team t) {
    return new TeamRow(t.tenant().value(), t.id().value(), t.name(), Labels.names(t.metadata()),
        Labels.values(t.metadata()), t.createdAt());
  }

  private static Team toTeam(TeamRow r) {
    return new Team(TenantId.of(r.tenantId()), TeamId.of(r.id()), r.name(),
        Labels.of(r.metadataNames(), r.metadataValues()), r.createdAt());
  }
}
