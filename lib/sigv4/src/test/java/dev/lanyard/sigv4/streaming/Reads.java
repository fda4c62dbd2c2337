package dev.lanyard.sigv4.streaming;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a stream the way a forwarding consumer would, keeping what was released before any failure. */
final class Reads {
    private Reads() {}

    record Outcome(byte[] released, Optional<IOException> failure) {
        PayloadVerificationException verificationFailure() {
            return (PayloadVerificationException) failure.orElseThrow(
                    () -> new AssertionError("the payload was accepted"));
        }
    }

    static Outcome drain(InputStream in, int readSize) {
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        byte[] buffer = new byte[readSize];
        try (in) {
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                released.write(buffer, 0, n);
            }
            return new Outcome(released.toByteArray(), Optional.empty());
        } catch (IOException e) {
            return new Outcome(released.toByteArray(), Optional.of(e));
        }
    }

    /** One byte at a time through {@link InputStream#read()}. */
    static Outcome drainBytewise(InputStream in) {
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        try (in) {
            int b;
            while ((b = in.read()) >= 0) {
                released.write(b);
            }
            return new Outcome(released.toByteArray(), Optional.empty());
        } catch (IOException e) {
            return new Outcome(released.toByteArray(), Optional.of(e));
        }
    }

    /** A raw body that arrives in pieces of at most {@code piece} bytes, as from a slow client. */
    static InputStream trickle(byte[] body, int piece) {
        return new InputStream() {
            private int position;

            @Override
            public int read() {
                return position < body.length ? body[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                if (position >= body.length) {
                    return -1;
                }
                int n = Math.min(Math.min(length, piece), body.length - position);
                System.arraycopy(body, position, target, offset, n);
                position += n;
                return n;
            }
        };
    }
}
