package dev.tollgate.port.out.planted.framework;

import java.net.http.HttpClient;

/** Planted: an outbound port that leaks its HTTP client (NO_FRAMEWORK_IN_CORE). */
public interface HttpPriceFeed {

  HttpClient client();
}
