package dev.sluice.local.stack;

import java.io.Writer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Copies one logger's messages (one per line, message only) into a writer until closed. */
final class LogCapture implements AutoCloseable {

    private static final String NAME = "capture";

    private final LoggerContext context;
    private final String logger;

    private LogCapture(LoggerContext context, String logger) {
        this.context = context;
        this.logger = logger;
    }

    static LogCapture of(String logger, Writer into) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder()
                .withConfiguration(config)
                .withPattern("%msg%n")
                .build();
        WriterAppender appender = WriterAppender.createAppender(layout, null, into, NAME, false, true);
        appender.start();
        config.getLoggerConfig(logger).addAppender(appender, Level.INFO, null);
        context.updateLoggers();
        return new LogCapture(context, logger);
    }

    @Override
    public void close() {
        context.getConfiguration().getLoggerConfig(logger).removeAppender(NAME);
        context.updateLoggers();
    }
}
