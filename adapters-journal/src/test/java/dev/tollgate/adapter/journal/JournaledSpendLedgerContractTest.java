package dev.tollgate.adapter.journal;

import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.contract.SpendLedgerContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The journal in front of a ledger is still a ledger: it passes the ledger's contract. */
class JournaledSpendLedgerContractTest extends SpendLedgerContract {

  @TempDir Path dir;
  private final List<JournaledSpendLedger> opened = new ArrayList<>();

  @Override
  protected SpendLedger newLedger() {
    JournaledSpendLedger journal = JournaledSpendLedger.open(new InMemorySpendLedger(),
        JournalSettings.defaults(dir.resolve("journal-" + opened.size())));
    opened.add(journal);
    return journal;
  }

  @AfterEach
  void close() {
    opened.forEach(JournaledSpendLedger::close);
  }
}
