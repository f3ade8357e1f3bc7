package dev.tollgate.dataplane.http;

import dev.tollgate.port.out.UpstreamRequest;
import java.util.Map;

/**
 * Turns a request's routing facts (objective, fairness id, tenant, model) into the headers one
 * data plane routes on. Returns names in lower case; never {@code host}, {@code content-length} or
 * other headers the transport owns.
 */
@FunctionalInterface
public interface HeaderDecorator {

  Map<String, String> headersFor(UpstreamRequest request);

  /** Adds nothing. */
  HeaderDecorator NONE = request -> Map.of();
}
