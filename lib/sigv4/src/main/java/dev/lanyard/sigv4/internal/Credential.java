package dev.lanyard.sigv4.internal;

/** The five '/'-separated elements of a SigV4 credential: key id, date, region, service, terminator. */
public record Credential(String accessKeyId, String date, String region, String service, String terminator) {

    /** @throws dev.lanyard.aws.AwsException IncompleteSignature unless there are exactly five elements */
    public static Credential parse(String credential) {
        String[] parts = new String[5];
        int count = 0;
        int start = 0;
        while (true) {
            int slash = credential.indexOf('/', start);
            int end = slash < 0 ? credential.length() : slash;
            if (count == parts.length) {
                throw SigV4Errors.malformedCredential(credential);
            }
            parts[count++] = credential.substring(start, end);
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        if (count != parts.length) {
            throw SigV4Errors.malformedCredential(credential);
        }
        return new Credential(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }
}
