package dev.tollgate.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.port.out.Endpoint;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A validated client request: the parsed body and the facts admission needs from it.
 *
 * @param wantsUsage the client itself asked for the streamed usage chunk
 * @param promptText the text the prompt tokens are counted from
 * @param promptParts messages or inputs, each costing a few tokens of framing
 * @param choices completions asked for ({@code n}, {@code best_of}; 1 when neither is given)
 * @param tags the tags the body names in {@code metadata.tags} ({@link TagsField})
 */
public record ClientRequest(
    Endpoint endpoint,
    ObjectNode body,
    String model,
    boolean stream,
    boolean wantsUsage,
    OptionalLong maxCompletionTokens,
    Optional<EndUserId> endUser,
    String promptText,
    int promptParts,
    int choices,
    Tags tags) {

  /** A request whose body names no tags. */
  public ClientRequest(Endpoint endpoint, ObjectNode body, String model, boolean stream,
      boolean wantsUsage, OptionalLong maxCompletionTokens, Optional<EndUserId> endUser,
      String promptText, int promptParts, int choices) {
    this(endpoint, body, model, stream, wantsUsage, maxCompletionTokens, endUser, promptText,
        promptParts, choices, Tags.NONE);
  }
}
