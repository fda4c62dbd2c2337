package dev.lanyard.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Checked against the Argon2 reference implementation's command-line tool (Debian's argon2 package). */
class PasswordHasherTest {
    private static final String SALT = "somesaltsomesalt";

    /** Hands out the fixed salt, so our hash of a password can be compared with the reference tool's. */
    private static final class FixedSalt extends SecureRandom {
        @Override
        public void nextBytes(byte[] bytes) {
            byte[] salt = SALT.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(salt, 0, bytes, 0, bytes.length);
        }
    }

    private static String reference(String password, Argon2Settings s) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("argon2", SALT, "-id", "-t", "" + s.iterations(), "-k",
                "" + s.memoryKiB(), "-p", "" + s.parallelism(), "-l", "32", "-e")).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(password.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void hashesAsTheReferenceImplementation() throws Exception {
        PasswordHasher hasher = new PasswordHasher(Argon2Settings.DEFAULT, new FixedSalt(), 1);
        String password = "correct horse Ünïcode!";
        assertThat(hasher.hash(Password.of(password)).encoded()).isEqualTo(reference(password, Argon2Settings.DEFAULT));
    }

    @Test
    void verifiesTheReferenceImplementationsHashesWithTheirOwnParameters() throws Exception {
        Argon2Settings other = new Argon2Settings(4096, 3, 2);
        PasswordHash stored = PasswordHash.of(reference("battery staple", other));
        PasswordHasher hasher = new PasswordHasher(Argon2Settings.DEFAULT, new SecureRandom(), 2);
        assertThat(hasher.matches(Password.of("battery staple"), stored)).isTrue();
        assertThat(hasher.matches(Password.of("battery stapler"), stored)).isFalse();
    }

    @Test
    void saltsEveryHashAndRefusesWhatItCannotRead() {
        PasswordHasher hasher = new PasswordHasher(new Argon2Settings(1024, 1, 1), new SecureRandom(), 1);
        PasswordHash first = hasher.hash(Password.of("same"));
        PasswordHash second = hasher.hash(Password.of("same"));
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.matches(Password.of("same"), first)).isTrue();
        assertThat(hasher.matches(Password.of("same"), PasswordHash.of("$2b$10$notargon"))).isFalse();
        assertThat(hasher.matches(Password.of("same"), PasswordHash.of(first.encoded().replace("t=1", "t=0"))))
                .isFalse();
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(Password.of("hunter2").toString()).doesNotContain("hunter2");
        PasswordHash hash = new PasswordHasher(new Argon2Settings(1024, 1, 1), new SecureRandom(), 1)
                .hash(Password.of("x"));
        assertThat(hash.toString()).doesNotContain(hash.encoded().substring(30));
    }
}
