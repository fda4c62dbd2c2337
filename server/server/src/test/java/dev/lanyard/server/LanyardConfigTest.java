package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Settings get printed (logs, exceptions, debuggers); their secrets must not be. */
class LanyardConfigTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(17);

    private static String randomBase64(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static String randomHex() {
        byte[] raw = new byte[12];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    @Test
    void toStringRedactsTheMasterKey() {
        String masterKey = randomBase64(32);
        String printed = LanyardConfig.defaults(Path.of("data")).withMasterKey(Optional.of(masterKey)).toString();
        assertThat(printed).doesNotContain(masterKey).contains("masterKeyBase64=[REDACTED]");
    }

    @Test
    void toStringRedactsDatabasePasswordsIncludingThoseInTheUrl() {
        String password = randomHex();
        String urlPassword = randomHex();
        String sslPassword = randomHex();
        DatabaseSettings db = new DatabaseSettings("jdbc:postgresql://db.internal/lanyard?sslpassword=" + sslPassword
                + "&PASSWORD=" + urlPassword + "&ssl=true", "lanyard", password);
        String printed = LanyardConfig.defaults(Path.of("data")).withDatabase(Optional.of(db)).toString();
        assertThat(printed).doesNotContain(password, urlPassword, sslPassword)
                .contains("jdbc:postgresql://db.internal/lanyard?sslpassword=[REDACTED]&PASSWORD=[REDACTED]&ssl=true",
                        "user lanyard");
    }

    @Test
    void rejectedUrlsAreQuotedWithoutTheirPassword() {
        String urlPassword = randomHex();
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://db/lanyard?password=" + urlPassword, "u", "p"))
                .hasMessageNotContaining(urlPassword).hasMessageContaining("password=[REDACTED]");
    }

    /** A setting added later shows up here, so whoever adds it decides whether it is a secret. */
    @Test
    void toStringNamesEverySetting() {
        String printed = LanyardConfig.defaults(Path.of("data")).toString();
        for (var component : LanyardConfig.class.getRecordComponents()) {
            assertThat(printed).contains(component.getName() + "=");
        }
    }
}
