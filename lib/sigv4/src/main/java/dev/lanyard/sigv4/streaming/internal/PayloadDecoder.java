package dev.lanyard.sigv4.streaming.internal;

import dev.lanyard.sigv4.streaming.Checksum;
import java.io.IOException;
import java.util.Optional;

/**
 * Turns the raw body into payload bytes, each piece verified as far as its mode allows before it is handed out (a
 * signed chunk after its signature); the promises about the whole payload are checked before the end is reported.
 */
public interface PayloadDecoder {
    /**
     * Decodes the next piece into the start of {@link #buffer()}.
     *
     * @return its length (positive), or -1 once the end of the payload was reached and every check passed
     * @throws dev.lanyard.sigv4.streaming.PayloadVerificationException when the payload fails a check
     */
    int next() throws IOException;

    /** The array the last {@link #next()} filled; it may be a new one after each call. */
    byte[] buffer();

    /** After the end: the checksum that was verified, if the request carried one. */
    Optional<Checksum> verifiedChecksum();

    /** Closes the raw body. */
    void close() throws IOException;
}
