package dev.tollgate.app.http;

import dev.tollgate.port.out.Endpoint;
import java.util.List;

/**
 * OpenAI's routes without the {@code /v1} prefix: {@code /chat/completions}, {@code /completions},
 * {@code /embeddings}, {@code /responses}, {@code /rerank}, {@code /score} (vLLM's spelling),
 * {@code /audio/transcriptions}, {@code /audio/translations}, {@code /models}. LiteLLM serves both spellings, and its
 * clients are often configured with its bare base URL ({@code base_url="http://litellm:4000"}, as
 * its own quick start has it), so the OpenAI SDKs call the unprefixed paths; moved to Tollgate by
 * a DNS switch, they must keep working. Likewise Azure OpenAI's spelling, which LiteLLM also
 * serves for the Azure SDKs ({@code POST /openai/deployments/{deployment}/chat/completions?api-version=…}
 * with the key in {@code api-key}): the deployment names the model. And {@code /v2/rerank}, where
 * Cohere's v2 SDK reranks (vLLM and LiteLLM serve it beside {@code /rerank} and {@code /v1/rerank},
 * with the same body). And LiteLLM's Anthropic pass-through, where its documentation points
 * Anthropic's SDKs ({@code base_url="http://litellm:4000/anthropic"}: {@code /anthropic/v1/messages},
 * its token count and model list). The same handlers answer there, and the data plane is called
 * on the {@code /v1} path either way.
 */
public final class Unversioned {

  /** The operations whose requests are POSTed. */
  public static final List<Endpoint> POSTED =
      List.of(Endpoint.CHAT_COMPLETIONS, Endpoint.COMPLETIONS, Endpoint.EMBEDDINGS, Endpoint.RESPONSES,
          Endpoint.RERANK, Endpoint.SCORE);
  public static final String MODELS = "/models";
  /** Cohere's v2 spelling of the rerank ({@code client.v2.rerank}). */
  public static final String RERANK_V2 = "/v2/rerank";

  /** LiteLLM's Anthropic pass-through: Anthropic's paths under this prefix. */
  public static final String ANTHROPIC_PREFIX = "/anthropic";
  /** The operations an Anthropic SDK calls under {@link #ANTHROPIC_PREFIX}. */
  public static final List<Endpoint> ANTHROPIC =
      List.of(Endpoint.MESSAGES, Endpoint.MESSAGES_COUNT_TOKENS);
  /** Anthropic's model list under {@link #ANTHROPIC_PREFIX}. */
  public static final String ANTHROPIC_MODELS = ANTHROPIC_PREFIX + "/v1/models";

  /** Azure OpenAI's spelling: the deployment in the path names the model. */
  public static final String DEPLOYMENT = "deployment";
  public static final String AZURE_PREFIX = "/openai/deployments/{" + DEPLOYMENT + "}";
  /** The operations Azure OpenAI's SDKs call under {@link #AZURE_PREFIX}. */
  public static final List<Endpoint> AZURE =
      List.of(Endpoint.CHAT_COMPLETIONS, Endpoint.COMPLETIONS, Endpoint.EMBEDDINGS);

  /** The audio operations, posted as forms. */
  public static final List<Endpoint> AUDIO =
      List.of(Endpoint.AUDIO_TRANSCRIPTIONS, Endpoint.AUDIO_TRANSLATIONS);

  /** The POSTed operations' paths and the model list's, without {@code /v1}. */
  public static final List<String> PATHS = java.util.stream.Stream.of(
      POSTED.stream().map(Unversioned::alias), AUDIO.stream().map(Unversioned::alias),
      java.util.stream.Stream.of(MODELS, RERANK_V2),
      ANTHROPIC.stream().map(Unversioned::anthropic), java.util.stream.Stream.of(ANTHROPIC_MODELS))
      .flatMap(p -> p).toList();

  /** These routes as {@code METHOD path}, for the unmatched-route answer (405 on a wrong method). */
  public static final List<String> ROUTES = java.util.stream.Stream.of(
      POSTED.stream().map(e -> "POST " + alias(e)),
      AUDIO.stream().map(e -> "POST " + alias(e)),
      java.util.stream.Stream.of("GET " + MODELS, "GET " + MODELS + "/{+model}", "POST " + RERANK_V2),
      AZURE.stream().map(e -> "POST " + azure(e)),
      ANTHROPIC.stream().map(e -> "POST " + anthropic(e)),
      java.util.stream.Stream.of("GET " + ANTHROPIC_MODELS, "GET " + ANTHROPIC_MODELS + "/{+model}"))
      .flatMap(r -> r).toList();

  private Unversioned() {}

  /** {@code /v1/chat/completions} without its prefix. */
  public static String alias(Endpoint endpoint) {
    return endpoint.path().substring("/v1".length());
  }

  /** Azure's path of {@code endpoint}, {@code {deployment}} its parameter. */
  public static String azure(Endpoint endpoint) {
    return AZURE_PREFIX + alias(endpoint);
  }

  /** {@code /v1/messages} under LiteLLM's Anthropic prefix. */
  public static String anthropic(Endpoint endpoint) {
    return ANTHROPIC_PREFIX + endpoint.path();
  }

  /** Whether {@code path} is the API's: under {@code /v1}, or one of these routes. */
  public static boolean isApi(String path) {
    return path.startsWith("/v1/") || path.equals("/v1") || path.startsWith("/openai/deployments/")
        || path.startsWith(MODELS + "/") || path.startsWith(ANTHROPIC_PREFIX + "/v1/")
        || PATHS.contains(path);
  }
}
