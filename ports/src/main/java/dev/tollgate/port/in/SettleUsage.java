package dev.tollgate.port.in;

/** A request admitted earlier has ended: charge what it used, release what it held. */
public interface SettleUsage {

  SettlementReceipt settle(SettleCommand command);
}
