package dev.tollgate.adapter.journal;

/** A place in the journal: a segment and a byte offset in it. Ordered. */
record Position(long segment, long offset) implements Comparable<Position> {

  static final Position START = new Position(0, 0);

  @Override
  public int compareTo(Position o) {
    int c = Long.compare(segment, o.segment);
    return c != 0 ? c : Long.compare(offset, o.offset);
  }
}
