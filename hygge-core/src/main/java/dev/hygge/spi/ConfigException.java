package dev.hygge.spi;

/**
 * A mistake in what the user asked for: a missing or unknown option, an unknown type, a value out
 * of range. Where the setting came from a file, the message names the file and line.
 */
public class ConfigException extends HyggeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
