package dev.tollgate.port.in;

/** Mints a key. The secret is in the answer once and nowhere else, ever. */
public interface IssueKey {

  IssuedKey issue(IssueKeyCommand command);
}
