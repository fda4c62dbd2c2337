package dev.lanyard.sigv4.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The ';'-separated SignedHeaders list: lower-cased, empty entries dropped, order kept; {@code host} required. */
public final class SignedHeaderList {
    private SignedHeaderList() {}

    public static List<String> parse(String value) {
        List<String> names = new ArrayList<>(6);
        boolean host = false;
        int start = 0;
        while (start <= value.length()) {
            int semi = value.indexOf(';', start);
            int end = semi < 0 ? value.length() : semi;
            if (end > start) {
                String name = lowerCase(value.substring(start, end));
                host |= name.equals("host") || name.equals(":authority");
                names.add(name);
            }
            start = end + 1;
        }
        if (!host) {
            throw SigV4Errors.hostNotSigned();
        }
        return names;
    }

    /** {@code name.toLowerCase(Locale.ROOT)}, with a cheaper check first for the usual already lower-case ASCII. */
    public static String lowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'A' && c <= 'Z') || c >= 0x80) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }
}
