package dev.tollgate.service;

import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.port.in.IssueKey;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.out.KeyStore;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Mints keys from a strong generator (the host passes {@code SecureRandom}); only the hash and a
 * masked hint are stored. Key ids are random too, and unrelated to the secret.
 */
public final class IssueKeyService implements IssueKey {

  private final KeyStore keys;
  private final Clock clock;
  private final RandomGenerator random;

  public IssueKeyService(KeyStore keys, Clock clock, RandomGenerator random) {
    this.keys = keys;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public IssuedKey issue(IssueKeyCommand command) {
    ApiKeySecret secret = KeyFormat.mint(random);
    VirtualKey key =
        new VirtualKey(
            KeyIds.next(random),
            secret.hash(),
            command.owner(),
            command.alias(),
            secret.hint(),
            command.allowedModels(),
            command.expiresAt(),
            false,
            clock.instant());
    keys.save(key);
    return new IssuedKey(key, secret);
  }
}
