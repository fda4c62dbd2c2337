package dev.lanyard.totp;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.PercentEncoding;
import dev.lanyard.aws.PercentEncoding.LoneSurrogate;

/**
 * Key URIs (the "otpauth" format authenticator apps scan) with RFC 3986 percent-encoding of UTF-8. The label keeps
 * '@' and ':' literal (both are path characters, and ':' is the format's issuer separator); every other character
 * outside the unreserved set is encoded, so '+' is never read as a space. Query values encode all but unreserved.
 */
public final class OtpAuthUri {
    /** Path characters the label keeps literal: ':' separates the issuer. */
    private static final String LABEL_KEEPS = "@:";

    private OtpAuthUri() {}

    /**
     * otpauth://totp/{label}?secret={BASE32}&amp;issuer={issuer}; AWS's label is
     * "$virtualMFADeviceName@$AccountName" ({@link #awsLabel}). An empty issuer leaves the parameter out.
     */
    public static String of(String label, String issuer, TotpSeed seed) {
        return of(label, issuer, seed, TotpParameters.AWS);
    }

    /** As {@link #of(String, String, TotpSeed)}, adding algorithm, digits and period when they differ from AWS's. */
    public static String of(String label, String issuer, TotpSeed seed, TotpParameters parameters) {
        requireNonNull(label, "label is null");
        requireNonNull(issuer, "issuer is null");
        requireNonNull(seed, "seed is null");
        requireNonNull(parameters, "parameters is null");
        if (label.isEmpty()) {
            throw new IllegalArgumentException("label is empty");
        }
        StringBuilder uri = new StringBuilder(64 + label.length() + issuer.length()).append("otpauth://totp/");
        uri.append(PercentEncoding.encode(label, LABEL_KEEPS, LoneSurrogate.QUESTION_MARK));
        uri.append("?secret=").append(seed.toBase32());
        if (!issuer.isEmpty()) {
            uri.append("&issuer=").append(PercentEncoding.encode(issuer, "", LoneSurrogate.QUESTION_MARK));
        }
        TotpParameters aws = TotpParameters.AWS;
        if (!parameters.algorithm().equals(aws.algorithm())) {
            uri.append("&algorithm=").append(parameters.otpauthAlgorithm());
        }
        if (parameters.digits() != aws.digits()) {
            uri.append("&digits=").append(parameters.digits());
        }
        if (!parameters.step().equals(aws.step())) {
            uri.append("&period=").append(parameters.step().getSeconds());
        }
        return uri.toString();
    }

    /** "$virtualMFADeviceName@$AccountName", where AccountName is the user name if set, else the account ID. */
    public static String awsLabel(String virtualMfaDeviceName, String accountName) {
        requireNonNull(virtualMfaDeviceName, "virtualMfaDeviceName is null");
        requireNonNull(accountName, "accountName is null");
        return virtualMfaDeviceName + "@" + accountName;
    }
}
