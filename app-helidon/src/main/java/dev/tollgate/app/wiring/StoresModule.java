package dev.tollgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.service.Stores;

/** The stores backend. In memory for now; the PostgreSQL issue adds the durable one here. */
public final class StoresModule extends AbstractModule {

  @Provides
  @Singleton
  Stores stores() {
    return InMemoryStores.create();
  }
}
