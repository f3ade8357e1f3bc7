package dev.tollgate.adapter.simulated;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** One route of the simulator; a {@link RejectedRequest} it throws becomes the error reply. */
interface Endpoint {

  void serve(ServerRequest req, ServerResponse res);
}
