package dev.tollgate.app.cli;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** How the CLI prints: aligned tables and "name value" blocks, with control characters defused. */
final class Text {

  private Text() {}

  /** A table with a header row; columns are as wide as their widest cell. */
  static void table(PrintStream out, List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    rows.forEach(r -> all.add(r.stream().map(Text::clean).toList()));
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** Name/value lines, names aligned. */
  static void fields(PrintStream out, List<Map.Entry<String, String>> fields) {
    int width = fields.stream().mapToInt(f -> f.getKey().length()).max().orElse(0);
    for (Map.Entry<String, String> f : fields) {
      out.println(pad(f.getKey(), width + 2) + clean(f.getValue()));
    }
  }

  /**
   * Labels and names come from tenants and clients: a control character printed raw could move the
   * cursor or rewrite the terminal, so each is shown as {@code ?}.
   */
  static String clean(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return sb.toString();
  }

  /** {@code s} padded with spaces to {@code width}. */
  static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  static String usd(Money money) {
    return money.toPlainUsd();
  }

  static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  static String models(Collection<ModelName> models) {
    if (models.isEmpty()) {
      return "all";
    }
    TreeSet<String> names = new TreeSet<>();
    models.forEach(m -> names.add(m.value()));
    return String.join(",", names);
  }

  static String pairs(Map<String, ?> pairs) {
    if (pairs.isEmpty()) {
      return "-";
    }
    List<String> out = new ArrayList<>();
    pairs.forEach((k, v) -> out.add(k + "=" + v));
    return String.join(", ", out);
  }

  static String scope(Scope scope) {
    return switch (scope) {
      case Scope.Tenant t -> "tenant " + t.tenant().value();
      case Scope.Team t -> "team " + t.tenant().value() + "/" + t.team().value();
      case Scope.Key k -> "key " + k.key().value();
      case Scope.KeyModel km -> "key " + km.key().value() + " model " + km.model().value();
      case Scope.EndUser u -> "end user " + u.tenant().value() + "/" + u.user().value();
      case Scope.Session s -> "session " + s.session().value() + " of key " + s.key().value();
      case Scope.TenantTag t -> "tag " + t.tenant().value() + "/" + t.tag().value();
    };
  }
}
