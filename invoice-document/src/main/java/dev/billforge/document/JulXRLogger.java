package dev.billforge.document;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;

/**
 * openhtmltopdf's log lines, sent to {@code java.util.logging} under their own names ({@code com.openhtmltopdf.load},
 * ...) instead of the console handler openhtmltopdf installs by default: in a Quarkus service they then go through
 * its logging, where {@code quarkus.log.category."com.openhtmltopdf".level} tunes them like any other.
 */
final class JulXRLogger implements XRLogger {

    /*
     * Looked up once each: openhtmltopdf asks whether to log many times per page, and a lookup by name costs a walk
     * of the log manager's tree under a lock (7 % of notification-service's CPU while it printed receipts).
     */
    private static final Logger OPENHTMLTOPDF = Logger.getLogger("com.openhtmltopdf");
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public void log(String where, Level level, String message) {
        logger(where).log(level, message);
    }

    @Override
    public void log(String where, Level level, String message, Throwable failure) {
        logger(where).log(level, message, failure);
    }

    @Override
    public void setLevel(String logger, Level level) {
        logger(logger).setLevel(level);
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return OPENHTMLTOPDF.isLoggable(diagnostic.getLevel());
    }

    private Logger logger(String name) {
        return loggers.computeIfAbsent(name, Logger::getLogger);
    }
}
