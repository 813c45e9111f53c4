package dev.hygge.spi;

/** A failure while writing to a Store: an unwritable destination, a value that does not fit, a failed commit. */
public class StoreException extends HyggeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
