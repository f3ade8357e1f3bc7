package dev.tollgate.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.tollgate.app.config.LogFormat;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sets up the service's logging once at start: every line to standard error in the configured
 * {@link LogFormat}, at INFO, {@code java.util.logging} routed through SLF4J. Logback's levels
 * are copied onto {@code java.util.logging}'s loggers ({@link LevelChangePropagator}), so a
 * disabled JUL statement is still refused by JUL itself, before any bridging work.
 */
public final class Logging {

  /** The text line: time, level, thread, logger, message and the event's key-value pairs. */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg %kvp%n";

  /** The format {@link #configure} set Logback up with; null until then, or under another provider. */
  private static volatile LogFormat configured;

  private Logging() {}

  public static void configure(LogFormat format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J provider (an embedding host's): its configuration stands
    }
    configured = format;
    context.reset();
    LevelChangePropagator levels = new LevelChangePropagator();
    levels.setContext(context);
    levels.setResetJUL(true);
    levels.start();
    context.addListener(levels);

    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("stderr");
    console.setTarget("System.err");
    console.setEncoder(encoder(format, context));
    console.start();

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    bridgeJul();
  }

  static Encoder<ILoggingEvent> encoder(LogFormat format, LoggerContext context) {
    return switch (format) {
      case TEXT -> {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        yield text;
      }
      case JSON -> {
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithArguments(false);
        json.setWithMessage(false);
        json.setWithFormattedMessage(true);
        json.start();
        yield json;
      }
    };
  }

  /** The format lines go to standard error in, when {@link #configure} set Logback up. */
  static Optional<LogFormat> configuredFormat() {
    return Optional.ofNullable(configured);
  }

  /** Only warnings and errors from now on (the CLI: its output is what the operator asked for). */
  public static void quiet() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }
  }

  /** java.util.logging's records go to SLF4J instead of JUL's console handler. */
  private static void bridgeJul() {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.install();
    }
  }
}
