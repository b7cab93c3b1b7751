package dev.sluice.aws.config;

/**
 * A configuration value is missing or invalid. Thrown once, at start-up (static initialisation in Lambda), so a
 * misconfigured function fails its init phase with a message that names the variable and what is expected.
 */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
