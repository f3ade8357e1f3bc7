package dev.tollgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.port.in.ReadSecret;
import dev.tollgate.port.in.VerifySaltKey.KeyCheck;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.service.SecretsService;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Secrets at rest: the salt key, checked against the store before anything reads a secret. A
 * key that cannot open what is stored stops the start with the key ids found and configured
 * ({@link SaltKeyCheck}); the data plane's credential depends on this check, so the server never
 * runs without the credentials it stored.
 */
public final class SecretsModule extends AbstractModule {

  private static final Logger LOG = Logger.getLogger(SecretsModule.class.getName());

  @Provides
  @Singleton
  SecretsService secrets(GatewayConfig config, SecretStore store, RandomGenerator random) {
    // A key is generated only for a store with nothing sealed: otherwise the check below refuses,
    // and a key file written now would be picked up, wrongly, by every later start.
    SaltKeySource.Resolved key = SaltKeySource.resolve(config, store.all().isEmpty(), random);
    SecretsService secrets = new SecretsService(store, key.key(), random);
    KeyCheck check = secrets.verify();
    String refusal = SaltKeyCheck.refusal(check);
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
    LOG.info(() -> SaltKeyCheck.summary(check));
    return secrets;
  }

  @Provides
  @Singleton
  DataPlaneCredential dataPlaneCredential(GatewayConfig config, SecretsService secrets) {
    if (config.dataPlaneApiKey().isPresent()) {
      return new DataPlaneCredential(config.dataPlaneApiKey());
    }
    SecretName name = SecretName.of(DataPlaneCredential.SECRET_NAME);
    return switch (secrets.read(name)) {
      case ReadSecret.Result.Found found ->
          new DataPlaneCredential(Optional.of(new Secret(found.value().reveal())));
      case ReadSecret.Result.NotFound n -> new DataPlaneCredential(Optional.empty());
      case ReadSecret.Result.NoSaltKey n -> new DataPlaneCredential(Optional.empty());
      case ReadSecret.Result.WrongKey w -> throw new IllegalStateException(
          "the stored " + name + " is sealed under salt key id " + w.sealedWith()
              + ", not the configured " + w.configured());
      case ReadSecret.Result.Tampered t -> throw new IllegalStateException(
          "the stored " + name + " does not authenticate under the salt key: it was altered");
    };
  }
}
