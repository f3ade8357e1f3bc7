package dev.tollgate.wire.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.port.out.Endpoint;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * The body the data plane gets for an admitted request: the client's, with four changes. The
 * {@code model} is the upstream name behind the one asked for; a clamped completion bound is
 * written into it ({@link ClampedBody}); and a stream asks for its usage
 * ({@code stream_options.include_usage}), which Tollgate charges from, on every operation but the
 * Responses API, which always sends usage. What that request added and the client did not ask for
 * is cut from the stream again ({@link #cutsUsage}). Tollgate's own {@code metadata.tags} is taken
 * out ({@link TagsField#strip}): OpenAI's metadata values are strings, and the tags are Tollgate's.
 */
public final class UpstreamBody {

  private UpstreamBody() {}

  /**
   * The bytes to send. The client's parsed body is edited in place.
   *
   * @param clampedTokens the completion bound the request was lowered to, if it was
   * @throws IllegalStateException if the mapper cannot write the tree (a parsed body always
   *     serializes, so this is a programmer error)
   */
  public static byte[] of(ObjectMapper mapper, ClientRequest request, String upstreamModel,
      OptionalLong clampedTokens) {
    ObjectNode body = request.body();
    body.put("model", upstreamModel);
    TagsField.strip(body);
    clampedTokens.ifPresent(n -> ClampedBody.lower(request.endpoint(), body, n));
    if (asksForUsage(request)) {
      ObjectNode options = body.with("stream_options");
      options.put("include_usage", true);
    }
    try {
      return mapper.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a parsed body always serializes", e);
    }
  }

  /** Whether Tollgate asks the upstream for the stream's usage on the client's behalf. */
  static boolean asksForUsage(ClientRequest request) {
    return request.stream() && request.endpoint() != Endpoint.RESPONSES;
  }

  /**
   * Whether the usage Tollgate asked for is cut from the stream the client gets (the usage-only
   * chunk and every chunk's {@code usage} member): the client did not ask for it itself. The
   * Responses API's usage is always the upstream's own, so it is never cut.
   */
  public static boolean cutsUsage(ClientRequest request) {
    return request.endpoint() != Endpoint.RESPONSES && !request.wantsUsage();
  }

  /**
   * Whether a streamed event is the usage-only chunk ({@code "choices":[]} with usage) that
   * Tollgate's asking added and that the client, which did not ask, must not see.
   *
   * @param carriesUsage the event carried a usage object
   */
  public static boolean isUsageChunkToDrop(
      boolean clientWantsUsage, boolean carriesUsage, EventText.Scan scan) {
    return carriesUsage && !clientWantsUsage && scan.emptyChoices();
  }
}
