package dev.tollgate.embedding.planted;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.port.out.Stores;

/** Planted: code outside the app choosing a concrete adapter (ONLY_APP_NAMES_ADAPTERS). */
public final class EmbeddedTollgate {

  public Stores stores() {
    return InMemoryStores.create();
  }
}
