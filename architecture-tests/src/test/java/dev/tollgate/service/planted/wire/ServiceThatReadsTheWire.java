package dev.tollgate.service.planted.wire;

import dev.tollgate.wire.openai.RawUsage;

/** Planted: a service that reads a wire format itself (ONLY_APP_NAMES_ADAPTERS). */
public final class ServiceThatReadsTheWire {

  public String format() {
    return RawUsage.class.getName();
  }
}
