package io.outdial.dialer.telephony.sip;

import java.util.Properties;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import gov.nist.core.StackLogger;

/**
 * Sends JAIN-SIP's own log to JBoss Logging (category {@code gov.nist.javax.sip}), so that the stack
 * needs no log4j and its verbosity is set like every other category. Named in the stack property
 * {@code gov.nist.javax.sip.STACK_LOGGER}, which instantiates it reflectively.
 * <p>
 * The stack logs every SIP message at its "info" level, so its info is DEBUG here (set the category
 * to DEBUG to see the messages); its warnings about TLS settings are DEBUG too, as the dialer does not
 * use TLS.
 */
public final class SipStackLog implements StackLogger {

    private static final Logger LOG = Logger.getLogger("gov.nist.javax.sip");

    private static final Pattern TLS_SETTINGS = Pattern.compile("(?i)tls|keystore|truststore");

    private volatile boolean enabled = true;

    @Override
    public boolean isLoggingEnabled() {
        return enabled && LOG.isEnabled(Logger.Level.ERROR);
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        return enabled && LOG.isEnabled(level(level));
    }

    private static Logger.Level level(int stackLevel) {
        if (stackLevel >= TRACE_TRACE) {
            return Logger.Level.TRACE;
        } else if (stackLevel >= TRACE_DEBUG) {
            return Logger.Level.DEBUG;
        } else if (stackLevel >= TRACE_INFO) {
            return Logger.Level.DEBUG;
        } else if (stackLevel >= TRACE_WARN) {
            return Logger.Level.WARN;
        } else if (stackLevel >= TRACE_ERROR) {
            return Logger.Level.ERROR;
        }
        return Logger.Level.FATAL;
    }

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int level) {
        if (isLoggingEnabled(level)) {
            LOG.log(level(level), "stack trace", new Throwable());
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.error(ex.getMessage(), ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.fatal(message);
    }

    @Override
    public void logError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.error(message, ex);
    }

    @Override
    public void logWarning(String message) {
        if (message != null && TLS_SETTINGS.matcher(message).find()) {
            LOG.debug(message);
        } else {
            LOG.warn(message);
        }
    }

    @Override
    public void logInfo(String message) {
        LOG.debug(message);
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
