package dev.hygge.spi;

/**
 * A {@link WriteMode#CREATE_NEW} write found an object under its key: another writer was first.
 *
 * @since 0.4
 */
public class ObjectExistsException extends StoreException {
    private static final long serialVersionUID = 1L;

    public ObjectExistsException(String message) {
        super(message);
    }

    public ObjectExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
