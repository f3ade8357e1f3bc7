package dev.tollgate.port.in.planted.thirdparty;

import com.google.inject.Provider;

/** Planted: a use case whose signature names Guice (PORTS_DEPEND_ON_DOMAIN_AND_JDK_ONLY). */
public interface GuiceProvidedUseCase {

  Provider<String> answer();
}
