package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetTemplateMapper.MemberRow;
import dev.tollgate.adapter.postgres.BudgetTemplateMapper.TemplateRow;
import dev.tollgate.domain.budget.BudgetTemplate;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.BudgetTemplates;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Budget templates in {@code budget_templates}, followers in {@code budget_template_members}. */
public final class PostgresBudgetTemplates implements BudgetTemplates {

  private final Db db;

  PostgresBudgetTemplates(Db db) {
    this.db = db;
  }

  @Override
  public boolean insert(BudgetTemplate t) {
    return db.read("insert budget template",
        tx -> tx.mapper(BudgetTemplateMapper.class).insert(row(t))) > 0;
  }

  @Override
  public boolean update(BudgetTemplate t) {
    return db.read("update budget template",
        tx -> tx.mapper(BudgetTemplateMapper.class).update(row(t))) > 0;
  }

  @Override
  public Optional<BudgetTemplate> find(TenantId tenant, String id) {
    return Optional.ofNullable(db.read("find budget template",
        tx -> tx.mapper(BudgetTemplateMapper.class).find(tenant.value(), id)))
        .map(PostgresBudgetTemplates::template);
  }

  @Override
  public List<BudgetTemplate> list(TenantId tenant, Optional<String> after, int limit) {
    return db.read("list budget templates", tx -> tx.mapper(BudgetTemplateMapper.class)
        .list(tenant.value(), after.orElse(null), limit)).stream()
        .map(PostgresBudgetTemplates::template).toList();
  }

  @Override
  public void attach(TenantId tenant, String id, Scope member) {
    String[] kindRef = kindRef(member);
    db.read("attach budget template", tx -> tx.mapper(BudgetTemplateMapper.class)
        .attach(tenant.value(), member.storageKey(), id, kindRef[0], kindRef[1]));
  }

  @Override
  public Optional<String> templateOf(TenantId tenant, Scope member) {
    return Optional.ofNullable(db.read("budget template of", tx -> tx.mapper(
        BudgetTemplateMapper.class).templateOf(tenant.value(), member.storageKey())));
  }

  @Override
  public List<Scope> members(TenantId tenant, String id, int limit) {
    List<MemberRow> rows = db.read("budget template members",
        tx -> tx.mapper(BudgetTemplateMapper.class).members(tenant.value(), id, limit));
    return rows.stream().<Scope>map(r -> r.memberKind().equals("key")
        ? Scope.key(KeyId.of(r.memberRef()))
        : Scope.endUser(tenant, EndUserId.of(r.memberRef()))).toList();
  }

  private static String[] kindRef(Scope member) {
    return switch (member) {
      case Scope.Key k -> new String[] {"key", k.key().value()};
      case Scope.EndUser u -> new String[] {"end_user", u.user().value()};
      default -> throw new IllegalArgumentException("only keys and end users follow a template");
    };
  }

  private static TemplateRow row(BudgetTemplate t) {
    return new TemplateRow(t.tenant().value(), t.id(),
        t.maxBudget().map(Money::nanoUsd).orElse(null),
        t.softBudget().map(Money::nanoUsd).orElse(null),
        t.rpm().isPresent() ? t.rpm().getAsLong() : null,
        t.tpm().isPresent() ? t.tpm().getAsLong() : null,
        t.maxParallel().isPresent() ? t.maxParallel().getAsInt() : null,
        t.duration().orElse(null), t.createdAt());
  }

  private static BudgetTemplate template(TemplateRow r) {
    return new BudgetTemplate(TenantId.of(r.tenantId()), r.templateId(),
        Optional.ofNullable(r.maxBudgetNanos()).map(Money::ofNanoUsd),
        Optional.ofNullable(r.softBudgetNanos()).map(Money::ofNanoUsd),
        r.rpm() == null ? OptionalLong.empty() : OptionalLong.of(r.rpm()),
        r.tpm() == null ? OptionalLong.empty() : OptionalLong.of(r.tpm()),
        r.maxParallel() == null ? OptionalInt.empty() : OptionalInt.of(r.maxParallel()),
        Optional.ofNullable(r.duration()), r.createdAt());
  }
}
