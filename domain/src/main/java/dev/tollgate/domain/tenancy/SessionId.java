package dev.tollgate.domain.tenancy;

/**
 * The client session a request belongs to, as its client names it in a header (Claude Code's
 * {@code X-Claude-Code-Session-Id}, Open WebUI's chat id): attributed in the ledger and, when the
 * key carries a per-session budget, counted against that session's budget. Never used for
 * authorization: a client can name any session, so a session budget bounds a runaway session, not
 * a hostile client (the key's own budget does that). 1..128 printable ASCII characters, no spaces.
 */
public record SessionId(String value) {

  public SessionId {
    Ids.require("SessionId", value);
  }

  public static SessionId of(String value) {
    return new SessionId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
