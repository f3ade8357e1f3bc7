package dev.tollgate.port.in.admin;

import java.util.List;

/**
 * What an import did (or, dry, would do), one line per LiteLLM object and per thing derived from
 * it (a budget, a limit, an opening spend), each with its reason when skipped.
 */
public record ImportReport(boolean dryRun, List<Line> lines) {

  public ImportReport {
    lines = List.copyOf(lines);
  }

  /** What happened to one thing. */
  public enum Outcome {
    IMPORTED,
    /** A dry run's "would import". */
    WOULD_IMPORT,
    /** Already here (an earlier run): nothing written. */
    EXISTS,
    /** Not importable, or only partly; the detail says why. */
    SKIPPED,
    /** Imported, with something left behind or changed; the detail says what. */
    NOTE
  }

  /**
   * @param kind {@code tenant}, {@code team}, {@code key}, {@code budget}, {@code limit},
   *     {@code spend}, {@code end_user}, {@code model}, {@code price}, {@code user}, {@code source}
   * @param source LiteLLM's id (a key by the first 12 hex digits of its hash, never a secret)
   * @param target what it is in Tollgate ({@code ""} when nothing)
   */
  public record Line(String kind, String source, String target, Outcome outcome, String detail) {}

  public long count(String kind, Outcome outcome) {
    return lines.stream().filter(l -> l.kind().equals(kind) && l.outcome() == outcome).count();
  }
}
