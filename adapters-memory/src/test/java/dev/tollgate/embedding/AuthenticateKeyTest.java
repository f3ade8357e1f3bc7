package dev.tollgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.AuthenticateKey;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.service.Tollgate;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The key check the HTTP layer runs before it reads a body: the same refusals as admission. */
class AuthenticateKeyTest {

  private final Tollgate tollgate =
      Tollgate.create(InMemoryStores.create(), Clock.systemUTC(), new SecureRandom());

  private IssuedKey issue() {
    return tollgate.issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("t")), "k"));
  }

  @Test
  void a_known_key_is_authenticated_as_itself() {
    IssuedKey issued = issue();

    AuthenticateKey.Answer answer = tollgate.authenticate().authenticate(issued.secret().reveal());

    assertThat(answer).isInstanceOfSatisfying(AuthenticateKey.Authenticated.class,
        a -> assertThat(a.key().id()).isEqualTo(issued.key().id()));
  }

  @Test
  void a_well_formed_key_that_was_never_issued_is_unknown() {
    IssuedKey elsewhere = Tollgate.create(InMemoryStores.create(), Clock.systemUTC(), new SecureRandom())
        .issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("t")), "k"));

    assertThat(reason(elsewhere.secret().reveal())).isEqualTo(DenialReason.UNKNOWN_KEY);
  }

  @Test
  void a_revoked_key_is_refused_as_blocked() {
    IssuedKey issued = issue();
    tollgate.revokeKey().revoke(issued.key().id());

    assertThat(reason(issued.secret().reveal())).isEqualTo(DenialReason.KEY_BLOCKED);
  }

  @Test
  void a_malformed_key_is_refused_without_a_lookup() {
    assertThat(reason("sk-tg-not-a-key")).isEqualTo(DenialReason.MALFORMED_KEY);
  }

  private DenialReason reason(String presented) {
    AuthenticateKey.Answer answer = tollgate.authenticate().authenticate(presented);
    assertThat(answer).isInstanceOf(AuthenticateKey.Refused.class);
    return ((AuthenticateKey.Refused) answer).denial().reason();
  }
}
