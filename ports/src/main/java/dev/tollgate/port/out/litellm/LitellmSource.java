package dev.tollgate.port.out.litellm;

/**
 * A LiteLLM database, read once, read-only. An implementation opens its connection read-only and
 * reads everything in one read-only transaction, so the snapshot is consistent and the source is
 * never written. Failures are {@link LitellmSourceException}.
 */
public interface LitellmSource {

  LitellmSnapshot read();
}
