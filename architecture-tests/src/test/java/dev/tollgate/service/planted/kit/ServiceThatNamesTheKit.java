package dev.tollgate.service.planted.kit;

import dev.tollgate.dataplane.http.HeaderDecorator;

/** Planted: a service that reaches for the data-plane kit (ONLY_APP_NAMES_ADAPTERS). */
public final class ServiceThatNamesTheKit {

  public String kit() {
    return HeaderDecorator.class.getName();
  }
}
