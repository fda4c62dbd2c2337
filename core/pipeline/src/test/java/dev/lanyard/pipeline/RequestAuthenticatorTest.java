package dev.lanyard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.TestWorld.Credentials;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.PresignedLifetime;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The authentication decisions, through the one entry point every front end calls, with real keys and tokens. */
class RequestAuthenticatorTest {
    private final TestWorld world = new TestWorld();
    private final SigV4Verifier verifier = new SigV4Verifier(world.clock);

    private RequestAuthenticator.Authenticated authenticate(Credentials credentials) {
        return authenticate(world.query(credentials, "sts", "Action=GetCallerIdentity&Version=2011-06-15"));
    }

    private RequestAuthenticator.Authenticated authenticate(HttpExchange exchange) {
        HttpRequestParts parts = exchange.parts();
        SignedRequest signed = SignedRequest.parse(parts).orElseThrow();
        return world.authenticator.authenticate(signed,
                secret -> verifier.verify(signed, parts, secret, PresignedLifetime.EXPIRES));
    }

    private void assertRejected(Credentials credentials, CredentialRejection reason) {
        assertThatThrownBy(() -> authenticate(credentials)).isInstanceOfSatisfying(
                CredentialsRejectedException.class, e -> assertThat(e.rejection()).isEqualTo(reason));
    }

    @Test
    void aUsersLongTermKeyIsThatUser() {
        RequestAuthenticator.Authenticated authenticated = authenticate(Credentials.of(world.aliceKey));
        assertThat(authenticated.caller()).isInstanceOfSatisfying(Caller.IamUser.class,
                c -> assertThat(c.user()).isEqualTo(world.alice));
        assertThat(authenticated.signed().accessKeyId()).isEqualTo(world.aliceKey.id().value());
        assertThat(authenticated.signature().payloadHash()).hasSize(64);
    }

    @Test
    void theRootKeyIsTheRoot() {
        assertThat(authenticate(Credentials.of(world.rootKey)).caller()).isInstanceOf(Caller.Root.class);
    }

    @Test
    void anUnknownKeyIsRefusedBeforeAnySignatureCheck() {
        Credentials unknown = new Credentials(AccessKeyId.generateLongTerm(TestWorld.ACCOUNT, world.ids).value(),
                world.aliceKey.secret(), Optional.empty());
        HttpExchange exchange = world.query(unknown, "sts", "Action=GetCallerIdentity");
        SignedRequest signed = SignedRequest.parse(exchange.parts()).orElseThrow();
        assertThatThrownBy(() -> world.authenticator.authenticate(signed, secret -> {
            throw new AssertionError("no secret to check against");
        })).isInstanceOfSatisfying(CredentialsRejectedException.class,
                e -> assertThat(e.rejection()).isEqualTo(CredentialRejection.UNKNOWN_ACCESS_KEY));
    }

    @Test
    void aMalformedKeyIdIsAnUnknownKey() {
        assertRejected(new Credentials("AKIANOTAKEY", world.aliceKey.secret(), Optional.empty()),
                CredentialRejection.UNKNOWN_ACCESS_KEY);
    }

    @Test
    void anInactiveKeyIsUnknown() {
        world.put(world.aliceKey.withStatus(AccessKey.Status.Inactive));
        assertRejected(Credentials.of(world.aliceKey), CredentialRejection.UNKNOWN_ACCESS_KEY);
    }

    @Test
    void theKeyOfADeletedUserIsUnknown() {
        world.remove(world.alice);
        assertRejected(Credentials.of(world.aliceKey), CredentialRejection.UNKNOWN_ACCESS_KEY);
    }

    @Test
    void aWrongSignatureIsTheFrontEndsOwnError() {
        Credentials forged = new Credentials(world.aliceKey.id().value(), world.bobKey.secret(), Optional.empty());
        assertThatThrownBy(() -> authenticate(forged)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void aSessionTokenWithALongTermKeyIsRefused() {
        Credentials mixed = new Credentials(world.aliceKey.id().value(), world.aliceKey.secret(),
                world.roleSession().token());
        assertRejected(mixed, CredentialRejection.INVALID_TOKEN);
    }

    @Test
    void aRoleSessionIsThatRole() {
        assertThat(authenticate(world.roleSession()).caller()).isInstanceOfSatisfying(Caller.RoleSession.class,
                c -> assertThat(c.role()).isEqualTo(world.deployer));
    }

    @Test
    void aTemporaryKeyWithoutItsTokenIsRefused() {
        Credentials session = world.roleSession();
        assertRejected(new Credentials(session.accessKeyId(), session.secret(), Optional.empty()),
                CredentialRejection.INVALID_TOKEN);
    }

    @Test
    void aTokenSealedForAnotherKeyIsRefused() {
        Credentials one = world.roleSession();
        Credentials other = world.roleSession();
        assertRejected(new Credentials(other.accessKeyId(), other.secret(), one.token()),
                CredentialRejection.INVALID_TOKEN);
    }

    @Test
    void aTamperedTokenIsRefused() {
        Credentials session = world.roleSession();
        String token = session.token().orElseThrow();
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
        assertRejected(new Credentials(session.accessKeyId(), session.secret(), Optional.of(tampered)),
                CredentialRejection.INVALID_TOKEN);
    }

    @Test
    void anExpiredSessionIsExpiredOnceItsSignatureHolds() {
        Credentials session = world.roleSession();
        world.clock.advance(Duration.ofHours(1));
        assertRejected(session, CredentialRejection.EXPIRED_TOKEN);
        Credentials forged = new Credentials(session.accessKeyId(), world.bobKey.secret(), session.token());
        assertThatThrownBy(() -> authenticate(forged)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void aSessionDiesWithItsRoleEvenWhenARoleOfTheSameNameReturns() {
        Credentials session = world.roleSession();
        world.remove(world.deployer);
        assertRejected(session, CredentialRejection.INVALID_TOKEN);
        world.put(new dev.lanyard.iam.model.Role(TestWorld.ACCOUNT, "AROANEWDEPLOYER", "deployer", "/",
                world.deployer.trustPolicy(), Optional.empty(), Duration.ofHours(1), Instant.EPOCH,
                Optional.empty(), java.util.List.of(), java.util.List.of(), java.util.List.of()));
        assertRejected(session, CredentialRejection.INVALID_TOKEN);
    }

    @Test
    void aUserSessionDiesWithItsUserButSurvivesARename() {
        Credentials session = world.userSession(Optional.empty());
        User renamed = world.alice.withNameAndPath("alice2", "/");
        world.store.update(s -> Mutation.of(1, EntityChange.remove(world.alice), EntityChange.upsert(renamed)));
        assertThat(authenticate(session).caller().arn()).endsWith(":user/alice2");
        world.remove(renamed);
        assertRejected(session, CredentialRejection.INVALID_TOKEN);
    }

    @Test
    void aFederatedSessionDiesWithTheUserWhoCreatedIt() {
        Credentials session = world.federatedSession();
        assertThat(authenticate(session).caller()).isInstanceOf(Caller.FederatedUser.class);
        world.remove(world.alice);
        world.put(new User(TestWorld.ACCOUNT, "AIDAALICEAGAIN", "alice", "/", Instant.EPOCH, Optional.empty(),
                java.util.List.of(), java.util.List.of(), java.util.List.of()));
        assertRejected(session, CredentialRejection.INVALID_TOKEN);
    }

    @Test
    void aClosedAccountStopsItsKeysAndItsSessions() {
        Credentials session = world.roleSession();
        Account account = world.store.snapshot().account(TestWorld.ACCOUNT).orElseThrow();
        world.put(account.withStatus(Account.AccountStatus.SUSPENDED));
        assertRejected(Credentials.of(world.aliceKey), CredentialRejection.ACCOUNT_CLOSED);
        assertRejected(session, CredentialRejection.ACCOUNT_CLOSED);
    }

    @Test
    void anUnknownTokenKeyIsRetriedOnceAfterAReload() {
        Credentials session = world.roleSession();
        int[] reloads = {0};
        RequestAuthenticator other = new RequestAuthenticator(world.store,
                new dev.lanyard.tokens.SessionTokenCodec(() -> dev.lanyard.tokens.TokenKeyset.generate(world.clock,
                        world.random), world.random), world.clock, Partition.AWS, () -> {
                            reloads[0]++;
                            return true;
                        });
        HttpExchange exchange = world.query(session, "sts", "Action=GetCallerIdentity");
        SignedRequest signed = SignedRequest.parse(exchange.parts()).orElseThrow();
        assertThatThrownBy(() -> other.authenticate(signed, secret -> verifier.verify(signed, exchange.parts(),
                secret))).isInstanceOfSatisfying(CredentialsRejectedException.class,
                        e -> assertThat(e.rejection()).isEqualTo(CredentialRejection.INVALID_TOKEN));
        assertThat(reloads[0]).isEqualTo(1);
    }

    @Test
    void aSessionIssuedInAnotherPartitionIsRefusedWhereTheKeysAreShared() {
        RequestAuthenticator lanyard = new RequestAuthenticator(world.store, world.codec, world.clock,
                Partition.of("lanyard"), () -> false);
        for (Credentials session : List.of(world.roleSession(), world.federatedSession())) {
            HttpExchange exchange = world.query(session, "sts", "Action=GetCallerIdentity");
            SignedRequest signed = SignedRequest.parse(exchange.parts()).orElseThrow();
            assertThat(authenticate(session).caller().session()).isPresent();
            assertThatThrownBy(() -> lanyard.authenticate(signed, secret -> verifier.verify(signed, exchange.parts(),
                    secret))).isInstanceOfSatisfying(CredentialsRejectedException.class, e -> {
                        assertThat(e.rejection()).isEqualTo(CredentialRejection.INVALID_TOKEN);
                        assertThat(e.getMessage()).contains("was issued in another partition than 'lanyard'");
                    });
        }
        // long-term keys name no partition: the same key is the same user in either
        HttpExchange exchange = world.query(Credentials.of(world.aliceKey), "sts", "Action=GetCallerIdentity");
        SignedRequest signed = SignedRequest.parse(exchange.parts()).orElseThrow();
        assertThat(lanyard.authenticate(signed, secret -> verifier.verify(signed, exchange.parts(), secret)).caller())
                .isInstanceOf(Caller.IamUser.class);
    }

    @Test
    void theQueryApiAnswersEveryRejectionButExpiryAsAnInvalidToken() {
        for (CredentialRejection rejection : CredentialRejection.values()) {
            AwsException error = rejection.queryError("detail");
            assertThat(error.errorCode()).isEqualTo(rejection == CredentialRejection.EXPIRED_TOKEN
                    ? ErrorCode.EXPIRED_TOKEN : ErrorCode.INVALID_CLIENT_TOKEN_ID);
            assertThat(error.operatorDetail()).isEqualTo("detail");
        }
    }
}
