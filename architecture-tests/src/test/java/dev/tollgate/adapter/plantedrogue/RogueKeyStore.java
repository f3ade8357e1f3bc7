package dev.tollgate.adapter.plantedrogue;

import dev.tollgate.adapter.memory.InMemoryKeyStore;

/** Planted: one adapter delegating to another (ADAPTERS_ARE_INDEPENDENT). */
public final class RogueKeyStore {

  private final InMemoryKeyStore delegate = new InMemoryKeyStore();

  public InMemoryKeyStore delegate() {
    return delegate;
  }
}
