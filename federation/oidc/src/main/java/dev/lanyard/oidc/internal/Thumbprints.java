package dev.lanyard.oidc.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** IAM thumbprints: the lowercase hex SHA-1 of a certificate's DER encoding, 40 digits. */
public final class Thumbprints {
    private Thumbprints() {
    }

    /** The valid thumbprints, lowercased; anything that is not 40 hex digits can match nothing and is dropped. */
    public static Set<String> normalize(List<String> thumbprints) {
        Set<String> out = new TreeSet<>();
        for (String thumbprint : thumbprints) {
            String lower = thumbprint.toLowerCase(Locale.ROOT);
            if (lower.length() == 40 && isHex(lower)) {
                out.add(lower);
            }
        }
        return Set.copyOf(out);
    }

    public static String sha1(X509Certificate certificate) throws CertificateEncodingException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
