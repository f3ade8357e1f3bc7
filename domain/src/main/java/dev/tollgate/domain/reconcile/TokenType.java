package dev.tollgate.domain.reconcile;

import java.util.Arrays;
import java.util.Optional;

/**
 * The token types compared, by the {@code gen_ai.token.type} values of the OpenTelemetry GenAI
 * conventions. Others a data plane reports ({@code total}, {@code cached_input}, …) overlap these
 * and are not compared.
 */
public enum TokenType {
  INPUT("input"),
  OUTPUT("output");

  private final String wireName;

  TokenType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<TokenType> named(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
