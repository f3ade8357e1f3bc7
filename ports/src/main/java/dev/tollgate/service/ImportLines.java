package dev.tollgate.service;

import dev.tollgate.port.in.admin.ImportReport;
import dev.tollgate.port.in.admin.ImportReport.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The import's report as it grows, and the one bound on labels every imported object shares. */
final class ImportLines {

  /** Lines kept; an import larger than this reports the rest as one count. */
  static final int MAX_LINES = 200_000;

  private final boolean dryRun;
  private final List<ImportReport.Line> lines = new ArrayList<>();
  private long dropped;

  ImportLines(boolean dryRun) {
    this.dryRun = dryRun;
  }

  boolean dryRun() {
    return dryRun;
  }

  /** IMPORTED, or WOULD_IMPORT on a dry run. */
  void imported(String kind, String source, String target, String detail) {
    add(kind, source, target, dryRun ? Outcome.WOULD_IMPORT : Outcome.IMPORTED, detail);
  }

  void exists(String kind, String source, String target, String detail) {
    add(kind, source, target, Outcome.EXISTS, detail);
  }

  void skipped(String kind, String source, String detail) {
    add(kind, source, "", Outcome.SKIPPED, detail);
  }

  void note(String kind, String source, String target, String detail) {
    add(kind, source, target, Outcome.NOTE, detail);
  }

  private void add(String kind, String source, String target, Outcome outcome, String detail) {
    if (lines.size() >= MAX_LINES) {
      dropped++;
      return;
    }
    lines.add(new ImportReport.Line(kind, source, target, outcome, detail));
  }

  ImportReport report() {
    List<ImportReport.Line> all = new ArrayList<>(lines);
    if (dropped > 0) {
      all.add(new ImportReport.Line("report", "", "", Outcome.NOTE,
          dropped + " more lines were not kept (at most " + MAX_LINES + ")"));
    }
    return new ImportReport(dryRun, all);
  }

  /** Labels within Tollgate's bounds, {@code extra} first; what does not fit is named in a note. */
  Map<String, String> labels(String kind, String source, Map<String, String> extra,
      Map<String, String> litellm) {
    Map<String, String> out = new LinkedHashMap<>(extra);
    List<String> left = new ArrayList<>();
    new TreeMap<>(litellm).forEach((name, value) -> {
      boolean fits = !name.isEmpty() && name.length() <= dev.tollgate.domain.tenancy.Metadata.MAX_NAME_LENGTH
          && value.length() <= dev.tollgate.domain.tenancy.Metadata.MAX_VALUE_LENGTH
          && name.indexOf('\u0000') < 0 && value.indexOf('\u0000') < 0
          && out.size() < dev.tollgate.domain.tenancy.Metadata.MAX_ENTRIES;
      if (fits) {
        out.putIfAbsent(name, value);
      } else {
        left.add(name);
      }
    });
    if (!left.isEmpty()) {
      note(kind, source, "", "metadata entries left out (more than 32, or a name over 64 or a"
          + " value over 512 characters): " + String.join(", ", left.subList(0, Math.min(10, left.size())))
          + (left.size() > 10 ? ", …" : ""));
    }
    return out;
  }
}
