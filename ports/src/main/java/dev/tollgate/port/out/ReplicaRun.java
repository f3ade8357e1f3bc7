package dev.tollgate.port.out;

/**
 * One run of a replica process ({@code <replica>-<n>}, named by its journal directory): the name
 * its lease holds carry ({@code lease:<run>:}).
 */
public record ReplicaRun(String value) {

  public ReplicaRun {
    if (value == null || value.isEmpty() || value.length() > 128 || value.contains(":")
        || value.contains("%") || value.contains("_")) {
      throw new IllegalArgumentException("a replica run is 1-128 characters without ':', '%', '_'");
    }
  }
}
