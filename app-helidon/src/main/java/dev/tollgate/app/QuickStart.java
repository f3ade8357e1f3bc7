package dev.tollgate.app;

/**
 * The first-call instructions printed at start. Headers are in double quotes so that, when the
 * master key is printed as {@code $TOLLGATE_MASTER_KEY}, the copied command's shell expands it.
 */
final class QuickStart {

  private QuickStart() {}

  static String text(String base, String master) {
    return """

        Mint a key for tenant 'acme' with a $5 monthly budget and 60 requests/minute:
          curl -s %1$s/admin/v1/keys -H "Authorization: Bearer %2$s" \\
            -d '{"tenant":"acme","alias":"first","budget":{"limit_usd":"5.00","period":"monthly"},"rpm":60}'
        Then call it like OpenAI (use the "key" from the answer):
          curl -s %1$s/v1/chat/completions -H "Authorization: Bearer sk-tg-…" \\
            -d '{"model":"sim-small","messages":[{"role":"user","content":"Hello!"}]}' -i
        Or prove it end to end in one command (mint, call, read the spend, clean up):
          %3$s./tollgate smoke --url %1$s
        """.formatted(base, master,
        master.startsWith("$") ? "" : "TOLLGATE_MASTER_KEY=" + master + " ");
  }
}
