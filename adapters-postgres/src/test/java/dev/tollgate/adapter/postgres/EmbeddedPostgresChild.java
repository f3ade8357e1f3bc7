package dev.tollgate.adapter.postgres;

import java.nio.file.Path;

/**
 * A stand-in for the Tollgate process in {@link EmbeddedPostgresRestartIT}: starts the embedded
 * PostgreSQL over a data directory, says so, and waits to be killed.
 */
public final class EmbeddedPostgresChild {

  private EmbeddedPostgresChild() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedPostgresDatabase database = EmbeddedPostgresDatabase.start(Path.of(args[0]));
    System.out.println("READY " + database.jdbcUrl());
    System.out.flush();
    Thread.sleep(120_000); // bounded: the test kills it long before
  }
}
