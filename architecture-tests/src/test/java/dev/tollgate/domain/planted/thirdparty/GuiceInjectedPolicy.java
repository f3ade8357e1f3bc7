package dev.tollgate.domain.planted.thirdparty;

import com.google.inject.Inject;

/** Planted: a domain class annotated for Guice (DOMAIN_DEPENDS_ON_JDK_ONLY, NO_FRAMEWORK_IN_CORE). */
public final class GuiceInjectedPolicy {

  @Inject
  public GuiceInjectedPolicy() {}
}
