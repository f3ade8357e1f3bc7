package dev.tollgate.domain.usage;

/** What an admitted call that ended is charged: its usage, or nothing. */
public sealed interface Charge {

  /** Charged for this usage; {@code source} says whether the upstream reported it. */
  record ByUsage(TokenUsage usage, UsageSource source) implements Charge {

    public ByUsage {
      if (usage == null || source == null) {
        throw new IllegalArgumentException("usage and source are required");
      }
    }
  }

  /** Nothing owed: the client received nothing of the call. {@code why} is for logs. */
  record Nothing(String why) implements Charge {

    public Nothing {
      if (why == null || why.isBlank()) {
        throw new IllegalArgumentException("why is required");
      }
    }
  }
}
