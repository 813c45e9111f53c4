package dev.hygge.spi;

/**
 * The one unchecked root of every error hygge raises. Subtypes tell a caller what went wrong:
 * {@link ConfigException} for a user's mistake, {@link HomeException} for a failure while
 * reading, {@link StoreException} for a failure while writing. The original exception
 * ({@code SQLException}, {@code IOException}, ...) is kept as the cause.
 */
public class HyggeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HyggeException(String message) {
        super(message);
    }

    public HyggeException(String message, Throwable cause) {
        super(message, cause);
    }
}
