package dev.lanyard.tokens;

/**
 * Data sealed under the master key could not be opened: it was tampered with, truncated, bound to another purpose, or
 * sealed under another master key. The message never includes secret material.
 */
public final class SealedDataException extends Exception {
    private static final long serialVersionUID = 1L;

    public SealedDataException(String message) {
        super(message);
    }

    public SealedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
