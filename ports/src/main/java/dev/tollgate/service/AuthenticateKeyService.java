package dev.tollgate.service;

import dev.tollgate.domain.admission.AdmissionPolicy;
import dev.tollgate.port.in.AuthenticateKey;
import dev.tollgate.port.out.KeyStore;
import java.time.Clock;
import java.time.Instant;

/** The key half of admission, with the same lookup and the same refusals as admission itself. */
public final class AuthenticateKeyService implements AuthenticateKey {

  private final KeyStore keys;
  private final Clock clock;

  public AuthenticateKeyService(KeyStore keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public Answer authenticate(String presentedKey) {
    Instant now = clock.instant();
    return switch (KeyLookup.find(keys, presentedKey, now)) {
      case KeyLookup.Refused refused -> new Refused(refused.denial());
      case KeyLookup.Found found -> AdmissionPolicy.checkKeyState(found.key(), now)
          .<Answer>map(Refused::new)
          .orElseGet(() -> new Authenticated(found.key(), found.secret().orElseThrow()));
    };
  }
}
