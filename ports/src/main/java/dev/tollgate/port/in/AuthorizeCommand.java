package dev.tollgate.port.in;

import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import java.util.Optional;

/**
 * One request to admit.
 *
 * @param presentedKey the key exactly as the client sent it (never logged: see toString)
 * @param promptTokens the prompt's size as counted by a tokenizer
 * @param maxCompletionTokens the most the request may generate ({@code max_tokens} or the model cap)
 */
public record AuthorizeCommand(
    String presentedKey,
    ModelName model,
    RequestId requestId,
    long promptTokens,
    long maxCompletionTokens,
    Optional<EndUserId> endUser) {

  public AuthorizeCommand {
    if (model == null || requestId == null || endUser == null) {
      throw new IllegalArgumentException("model, requestId and endUser are required");
    }
    if (promptTokens < 0 || maxCompletionTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  @Override
  public String toString() {
    return "AuthorizeCommand[model=" + model + ", requestId=" + requestId
        + ", promptTokens=" + promptTokens + ", maxCompletionTokens=" + maxCompletionTokens + "]";
  }
}
