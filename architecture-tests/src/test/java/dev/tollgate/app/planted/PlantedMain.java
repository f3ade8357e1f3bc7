package dev.tollgate.app.planted;

/** Stands in for the app so that an adapter can be planted reaching back into it. */
public final class PlantedMain {

  public static final String NAME = "tollgate";

  public static String name() {
    return NAME;
  }
}
