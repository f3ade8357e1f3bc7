package dev.tollgate.port.in;

/**
 * Mints a key. The secret is in the answer once and nowhere else, ever. Aliases are unique per
 * tenant: a non-empty alias another key of the tenant has throws
 * {@link dev.tollgate.port.out.DuplicateAliasException} (the admin API answers it as a 409).
 */
public interface IssueKey {

  IssuedKey issue(IssueKeyCommand command);
}
