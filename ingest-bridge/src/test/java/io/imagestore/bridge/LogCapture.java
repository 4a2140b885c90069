package io.imagestore.bridge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** The formatted lines one logger writes while the capture is open (log4j2, the tests' backend). */
final class LogCapture extends AbstractAppender implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<String> loggerNames;
  private final java.util.Map<String, Level> restoreLevels = new java.util.HashMap<>();

  private LogCapture(List<String> loggerNames) {
    super("capture-" + String.join("+", loggerNames), null, null, true, Property.EMPTY_ARRAY);
    this.loggerNames = loggerNames;
  }

  static LogCapture of(Class<?> logger) {
    return of(Level.DEBUG, logger.getName());
  }

  /**
   * Everything {@code loggerNames} (and the loggers under them) write at {@code level} and above. A
   * logger the configuration already names gets the capture added and its level lowered to
   * {@code level} while the capture is open; both are undone on close.
   */
  static LogCapture of(Level level, String... loggerNames) {
    LogCapture capture = new LogCapture(List.of(loggerNames));
    capture.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    for (String name : loggerNames) {
      LoggerConfig existing = config.getLoggerConfig(name);
      if (existing.getName().equals(name)) {
        capture.restoreLevels.put(name, existing.getLevel());
        if (existing.getLevel().isMoreSpecificThan(level)) {
          existing.setLevel(level);
        }
        existing.addAppender(capture, level, null);
      } else {
        LoggerConfig own = new LoggerConfig(name, level, true);
        own.addAppender(capture, level, null);
        config.addLogger(name, own);
      }
    }
    context.updateLoggers();
    return capture;
  }

  @Override
  public void append(LogEvent event) {
    lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getMessage().getFormattedMessage()
        + (event.getThrown() == null ? "" : " THROWN " + event.getThrown()));
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    for (String name : loggerNames) {
      Level before = restoreLevels.get(name);
      if (before == null) {
        config.removeLogger(name);
      } else {
        LoggerConfig existing = config.getLoggerConfig(name);
        existing.removeAppender(getName());
        existing.setLevel(before);
      }
    }
    context.updateLoggers();
    stop();
  }
}
