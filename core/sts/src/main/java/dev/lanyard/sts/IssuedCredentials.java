package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.query.Struct;
import java.time.Instant;

/** Temporary credentials as handed to the caller, once. */
public record IssuedCredentials(AccessKeyId accessKeyId, SecretAccessKey secretAccessKey, String sessionToken,
        Instant expiration) {
    public IssuedCredentials {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        requireNonNull(expiration, "expiration is null");
    }

    public Struct toStruct() {
        return Struct.builder()
                .put("AccessKeyId", accessKeyId.value())
                .put("SecretAccessKey", secretAccessKey.reveal())
                .put("SessionToken", sessionToken)
                .put("Expiration", expiration)
                .build();
    }

    @Override
    public String toString() {
        return "IssuedCredentials[" + accessKeyId + ", expires " + expiration + "]";
    }
}
