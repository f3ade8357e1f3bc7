package dev.tollgate.adapter.postgres.litellm;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/**
 * The database to read: a JDBC URL ({@code jdbc:postgresql://…}), or LiteLLM's own
 * {@code DATABASE_URL} form ({@code postgresql://user:password@host:5432/litellm}), which operators
 * have at hand. Credentials in the URL become connection properties, never part of a message.
 */
record LitellmUrl(String jdbcUrl, Properties properties) {

  static LitellmUrl parse(String url, Optional<String> password) {
    Properties props = new Properties();
    password.ifPresent(p -> props.setProperty("password", p));
    if (url.startsWith("jdbc:postgresql:")) {
      return new LitellmUrl(url, props);
    }
    if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new IllegalArgumentException("--from must be a jdbc:postgresql:// URL or LiteLLM's"
          + " postgresql://user:password@host:port/database");
    }
    URI uri = URI.create(url);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("--from names no host");
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      if (colon >= 0 && password.isEmpty()) {
        props.setProperty("password", decode(userInfo.substring(colon + 1)));
      }
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new LitellmUrl("jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query,
        props);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URL without anything that could be a credential, for messages. */
  String shown() {
    int q = jdbcUrl.indexOf('?');
    return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
  }
}
