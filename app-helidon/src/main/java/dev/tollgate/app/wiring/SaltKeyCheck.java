package dev.tollgate.app.wiring;

import dev.tollgate.app.config.ConfigLoader;
import dev.tollgate.domain.secret.SaltKeyId;
import dev.tollgate.port.in.VerifySaltKey.KeyCheck;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Turns the start-up key check into a go, or a refusal that says why and what to do. Names key
 * ids, never keys or secrets: a refusal is printed and logged.
 */
public final class SaltKeyCheck {

  private SaltKeyCheck() {}

  /** Why the server must not start, or null when it may. */
  public static String refusal(KeyCheck check) {
    String rotate = " or re-encrypt with `tollgate rotate-salt-key` (old key in "
        + ConfigLoader.SALT_KEY + ", new key in TOLLGATE_NEW_SALT_KEY)";
    return switch (check) {
      case KeyCheck.Verified v -> null;
      case KeyCheck.Bound b -> null;
      case KeyCheck.NothingSealed n -> null;
      case KeyCheck.NoKeyButSealed n -> "the stored secrets are sealed under salt key id "
          + ids(n.stored()) + " but no salt key is configured; set " + ConfigLoader.SALT_KEY
          + " (or " + ConfigLoader.SALT_KEY + "_FILE) to that key. Tollgate does not start"
          + " without the credentials it stored.";
      case KeyCheck.WrongKey w -> "the configured salt key (id " + w.configured()
          + ") cannot open the stored secrets, which are sealed under salt key id "
          + ids(w.stored()) + ". The salt key is write-once: configure the key with that id,"
          + rotate + ".";
      case KeyCheck.Tampered t -> "salt key id " + t.keyId() + " is the store's, but "
          + t.names() + " do not authenticate: they were altered or copied to another name in"
          + " the database. Restore them from a backup, or set them again with"
          + " `tollgate secret set <name>`.";
    };
  }

  /** What went well, for the start-up log. */
  public static String summary(KeyCheck check) {
    return switch (check) {
      case KeyCheck.Verified v -> "salt key " + v.keyId() + " opens all " + v.secrets()
          + " stored secret(s)";
      case KeyCheck.Bound b -> "salt key " + b.keyId() + " is now this store's (write-once)";
      case KeyCheck.NothingSealed n -> "no salt key configured and nothing sealed: secrets"
          + " cannot be stored until " + ConfigLoader.SALT_KEY + " is set";
      default -> refusal(check);
    };
  }

  static String ids(Collection<SaltKeyId> ids) {
    return ids.stream().map(SaltKeyId::value).sorted().collect(Collectors.joining(", "));
  }
}
