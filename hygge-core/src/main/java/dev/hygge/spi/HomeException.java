package dev.hygge.spi;

/** A failure while reading from a Home: a missing or corrupt file, an unreachable server, a bad query. */
public class HomeException extends HyggeException {
    private static final long serialVersionUID = 1L;

    public HomeException(String message) {
        super(message);
    }

    public HomeException(String message, Throwable cause) {
        super(message, cause);
    }
}
