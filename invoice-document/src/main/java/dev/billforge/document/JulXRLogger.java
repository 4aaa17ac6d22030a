package dev.billforge.document;

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

    @Override
    public void log(String where, Level level, String message) {
        Logger.getLogger(where).log(level, message);
    }

    @Override
    public void log(String where, Level level, String message, Throwable failure) {
        Logger.getLogger(where).log(level, message, failure);
    }

    @Override
    public void setLevel(String logger, Level level) {
        Logger.getLogger(logger).setLevel(level);
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return Logger.getLogger("com.openhtmltopdf").isLoggable(diagnostic.getLevel());
    }
}
