package dev.lanyard.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import dev.lanyard.aws.AwsException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every refusal reaches the log with the failed check for the operator; the token itself never does. */
class RefusalLoggingTest {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger("dev.lanyard.oidc");

    @BeforeEach
    void attach() {
        logger.addHandler(capture);
    }

    @AfterEach
    void detach() {
        logger.removeHandler(capture);
    }

    @Test
    void refusalIsLoggedWithTheFailedCheckButNotTheToken() {
        try (Harness harness = Harness.loopback()) {
            String token = Tokens.sign(harness.claims().audience("someone-else").build(), TestKeys.RSA,
                    JWSAlgorithm.RS256);

            AwsException e = catchThrowableOfType(AwsException.class,
                    () -> harness.verifier.verify(token, harness.provider()));

            assertThat(records).hasSize(1);
            String line = records.getFirst().getMessage();
            assertThat(records.getFirst().getLevel()).isEqualTo(Level.INFO);
            assertThat(line).contains("web identity check aud failed").contains("someone-else")
                    .contains(Tokens.CLIENT_ID).contains("InvalidIdentityToken").isEqualTo(e.operatorDetail()
                            + " -> InvalidIdentityToken");
            assertThat(line).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
    }

    @Test
    void explainLogsNothing() {
        try (Harness harness = Harness.loopback()) {
            harness.verifier.explain("not-a-jwt", harness.provider());

            assertThat(records).isEmpty();
        }
    }
}
