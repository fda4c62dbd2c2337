package dev.lanyard.tokens.internal;

/** Bytes that do not follow a binary format of this module. Stackless: decoding failures are expected input. */
public final class MalformedDataException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedDataException(String message) {
        super(message, null, false, false);
    }
}
