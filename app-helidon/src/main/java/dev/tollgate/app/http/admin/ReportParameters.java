package dev.tollgate.app.http.admin;

import java.util.Set;

/** The query parameters each spend report takes; any other is a 400 ({@link AdminCall#onlyQuery}). */
final class ReportParameters {

  private ReportParameters() {}

  /** The range and filters every spend report takes. */
  static final Set<String> FILTERS =
      Set.of("from", "to", "tenant", "team", "key", "model", "end_user", "session", "tag");

  static final Set<String> REPORT = plus(FILTERS, "group_by", "top", "rows");

  static final Set<String> ENTRIES = plus(FILTERS, "limit", "offset");

  private static Set<String> plus(Set<String> base, String... more) {
    java.util.Set<String> all = new java.util.HashSet<>(base);
    all.addAll(Set.of(more));
    return Set.copyOf(all);
  }
}
