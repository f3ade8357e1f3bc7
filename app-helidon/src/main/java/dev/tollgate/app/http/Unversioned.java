package dev.tollgate.app.http;

import dev.tollgate.port.out.Endpoint;
import java.util.List;

/**
 * OpenAI's routes without the {@code /v1} prefix: {@code /chat/completions}, {@code /completions},
 * {@code /embeddings}, {@code /responses}, {@code /models}. LiteLLM serves both spellings, and its
 * clients are often configured with its bare base URL ({@code base_url="http://litellm:4000"}, as
 * its own quick start has it), so the OpenAI SDKs call the unprefixed paths; moved to Tollgate by
 * a DNS switch, they must keep working. The same handlers answer there, and the data plane is
 * called on the {@code /v1} path either way.
 */
public final class Unversioned {

  /** The operations whose requests are POSTed. */
  public static final List<Endpoint> POSTED =
      List.of(Endpoint.CHAT_COMPLETIONS, Endpoint.COMPLETIONS, Endpoint.EMBEDDINGS, Endpoint.RESPONSES);
  public static final String MODELS = "/models";

  /** These routes as {@code METHOD path}, for the unmatched-route answer (405 on a wrong method). */
  public static final List<String> ROUTES = List.of("POST /chat/completions", "POST /completions",
      "POST /embeddings", "POST /responses", "GET /models", "GET /models/{+model}");

  private Unversioned() {}

  /** {@code /v1/chat/completions} without its prefix. */
  public static String alias(Endpoint endpoint) {
    return endpoint.path().substring("/v1".length());
  }

  /** Whether {@code path} is the API's: under {@code /v1}, or one of these routes. */
  public static boolean isApi(String path) {
    return path.startsWith("/v1/") || path.equals("/v1") || path.equals(MODELS)
        || path.startsWith(MODELS + "/") || path.equals("/chat/completions")
        || path.equals("/completions") || path.equals("/embeddings") || path.equals("/responses");
  }
}
