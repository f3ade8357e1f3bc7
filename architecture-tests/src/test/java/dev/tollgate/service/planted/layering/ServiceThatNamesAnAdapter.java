package dev.tollgate.service.planted.layering;

import dev.tollgate.adapter.memory.InMemoryKeyStore;

/** Planted: a service that builds its own adapter (PORTS_DO_NOT_DEPEND_ON_ADAPTERS_OR_APP). */
public final class ServiceThatNamesAnAdapter {

  private final InMemoryKeyStore keys = new InMemoryKeyStore();

  public InMemoryKeyStore keys() {
    return keys;
  }
}
