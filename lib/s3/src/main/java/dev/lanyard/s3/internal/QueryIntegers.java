package dev.lanyard.s3.internal;

import dev.lanyard.aws.S3Exception;

/** The integer query parameters S3 validates, with S3's InvalidArgument messages. */
public final class QueryIntegers {
    private QueryIntegers() {}

    /**
     * {@code max-keys}, {@code max-uploads}, {@code max-parts}: 0 to 2147483647. S3 names the parameter in one message
     * as sent and in the other as its API member ({@code maxKeys}).
     */
    public static int maxCount(String parameter, String memberName, String value) {
        int parsed = integer(parameter, value);
        if (parsed < 0) {
            throw S3Exception.invalidArgument(
                    "Argument " + memberName + " must be an integer between 0 and 2147483647", parameter, value);
        }
        return parsed;
    }

    /** {@code partNumber}: 1 to 10000. */
    public static int partNumber(String value) {
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed < 1 || parsed > 10_000) {
            throw S3Exception.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", value);
        }
        return parsed;
    }

    /** {@code part-number-marker}: any integer. */
    public static int marker(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw S3Exception.invalidArgument("Argument partNumberMarker must be an integer.", "part-number-marker",
                    value);
        }
    }

    private static int integer(String parameter, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw S3Exception.invalidArgument("Provided " + parameter + " not an integer or within integer range",
                    parameter, value);
        }
    }
}
