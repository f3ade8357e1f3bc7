package dev.tollgate.service.planted.naming;

/** Planted: a *Service that implements no use case (SERVICES_IMPLEMENT_AN_INBOUND_PORT). */
public final class FreestandingService implements Runnable {

  @Override
  public void run() {}
}
