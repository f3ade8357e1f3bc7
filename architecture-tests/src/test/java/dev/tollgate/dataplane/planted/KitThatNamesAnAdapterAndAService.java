package dev.tollgate.dataplane.planted;

import dev.tollgate.adapter.memory.InMemoryKeyStore;
import dev.tollgate.service.Tollgate;

/** Planted: kit code that names an adapter and a service (DATAPLANE_KIT_IS_ADAPTER_CODE). */
public final class KitThatNamesAnAdapterAndAService {

  public String names() {
    return InMemoryKeyStore.class.getName() + " " + Tollgate.class.getName();
  }
}
