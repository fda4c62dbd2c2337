package dev.lanyard.tokens.internal;

import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;

/**
 * The session-token body, versions 1 and 2. Every field in order:
 *
 * <pre>
 * bodyVersion (1) = 1 or 2 | kind (1) | origin (1) | flags (1) | [extFlags (1)]  version 2 only, never 0
 * account (varint) | secretAccessKey (str) | principalArn (str) | principalId (str) | sessionName (str)
 * issuedAt (instant) | expiresAt (instant) | chainDepth (varint)
 * [parentUserArn (str)]         flag PARENT_USER_ARN
 * [parentUserId (str)]          extFlag PARENT_USER_ID (requires PARENT_USER_ARN)
 *                               extFlag V1_TOKEN (no field): a global-endpoint v1 token
 * [mfaAuthenticatedAt (instant)] flag MFA
 * [sourceIdentity (str)]        flag SOURCE_IDENTITY
 * [inlineSessionPolicy (policy)] flag INLINE_POLICY: 0 then str, or 1 then rawLength (varint),
 *                               deflatedLength (varint), raw deflate bytes
 * [tags: count >= 1, (key str, value str)*]                    flag TAGS
 * [transitiveTagKeys: count >= 1, str*]                         flag TRANSITIVE_TAG_KEYS
 * [sessionPolicyArns: count >= 1, str*]                         flag POLICY_ARNS
 * [federationClaims: count >= 1, (name str, count, str*)*]      flag FEDERATION_CLAIMS, names strictly ascending
 * </pre>
 *
 * str = varint byte length + UTF-8; instant = zigzag varint epoch seconds + varint nanos. Empty optionals and lists
 * cost one flag bit, nothing else. Enum codes are pinned here, not taken from {@code ordinal()}, so reordering an enum
 * cannot silently change the meaning of live tokens; a reader refuses a code it does not know.
 *
 * <p>Version 2 adds a second flags byte for fields the first has no bit left for. A body is written as version 1
 * whenever no extension flag is set (so a plain AssumeRole token is byte for byte what it was, and nodes still on
 * version 1 keep reading it), and the reader refuses a version 2 body whose extension flags are all clear: one
 * encoding per set of claims.
 */
public final class ClaimsFormat {
    public static final int BODY_VERSION = 1;
    public static final int BODY_VERSION_EXTENDED = 2;

    public static final int FLAG_PARENT_USER_ARN = 1;
    public static final int FLAG_MFA = 1 << 1;
    public static final int FLAG_SOURCE_IDENTITY = 1 << 2;
    public static final int FLAG_INLINE_POLICY = 1 << 3;
    public static final int FLAG_TAGS = 1 << 4;
    public static final int FLAG_TRANSITIVE_TAG_KEYS = 1 << 5;
    public static final int FLAG_POLICY_ARNS = 1 << 6;
    public static final int FLAG_FEDERATION_CLAIMS = 1 << 7;

    public static final int EXT_FLAG_PARENT_USER_ID = 1;
    public static final int EXT_FLAG_V1_TOKEN = 1 << 1;
    /** Every extension flag this version knows; a body with any other bit set is refused. */
    public static final int KNOWN_EXT_FLAGS = EXT_FLAG_PARENT_USER_ID | EXT_FLAG_V1_TOKEN;

    public static final int POLICY_RAW = 0;
    public static final int POLICY_DEFLATED = 1;

    private ClaimsFormat() {}

    public static int kindCode(SessionKind kind) {
        return switch (kind) {
            case ASSUMED_ROLE -> 0;
            case FEDERATED_USER -> 1;
            case USER_SESSION -> 2;
            case ROOT_SESSION -> 3;
        };
    }

    public static SessionKind kindOf(int code) throws MalformedDataException {
        return switch (code) {
            case 0 -> SessionKind.ASSUMED_ROLE;
            case 1 -> SessionKind.FEDERATED_USER;
            case 2 -> SessionKind.USER_SESSION;
            case 3 -> SessionKind.ROOT_SESSION;
            default -> throw new MalformedDataException("unknown session kind " + code);
        };
    }

    public static int originCode(SessionOrigin origin) {
        return switch (origin) {
            case ASSUME_ROLE -> 0;
            case ASSUME_ROLE_WITH_WEB_IDENTITY -> 1;
            case ASSUME_ROLE_WITH_SAML -> 2;
            case GET_FEDERATION_TOKEN -> 3;
            case GET_SESSION_TOKEN -> 4;
            case ASSUME_ROOT -> 5;
            case GET_DELEGATED_ACCESS_TOKEN -> 6;
        };
    }

    public static SessionOrigin originOf(int code) throws MalformedDataException {
        return switch (code) {
            case 0 -> SessionOrigin.ASSUME_ROLE;
            case 1 -> SessionOrigin.ASSUME_ROLE_WITH_WEB_IDENTITY;
            case 2 -> SessionOrigin.ASSUME_ROLE_WITH_SAML;
            case 3 -> SessionOrigin.GET_FEDERATION_TOKEN;
            case 4 -> SessionOrigin.GET_SESSION_TOKEN;
            case 5 -> SessionOrigin.ASSUME_ROOT;
            case 6 -> SessionOrigin.GET_DELEGATED_ACCESS_TOKEN;
            default -> throw new MalformedDataException("unknown session origin " + code);
        };
    }
}
