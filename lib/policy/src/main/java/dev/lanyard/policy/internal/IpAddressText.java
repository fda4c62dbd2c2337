package dev.lanyard.policy.internal;

import java.util.HexFormat;

/** Parses literal IPv4 (dotted quad) and IPv6 (RFC 4291 text, with {@code ::} and a dotted IPv4 tail) addresses. */
final class IpAddressText {
    private IpAddressText() {
    }

    /** The 4 or 16 address bytes, or null when {@code text} is not a literal address. */
    static byte[] parse(String text) {
        if (text.indexOf(':') >= 0) {
            return ipv6(text);
        }
        byte[] out = new byte[4];
        return ipv4(text, out, 0) ? out : null;
    }

    private static boolean ipv4(String text, byte[] out, int offset) {
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part > 3) {
                    return false;
                }
                out[offset + part++] = (byte) value;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                digits++;
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return part == 4;
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] head = new byte[16];
        byte[] tail = new byte[16];
        int headBytes = gap < 0 ? groups(text, head) : gap == 0 ? 0 : groups(text.substring(0, gap), head);
        int tailBytes = gap < 0 ? 0 : gap + 2 == text.length() ? 0 : groups(text.substring(gap + 2), tail);
        if (headBytes < 0 || tailBytes < 0) {
            return null;
        }
        boolean full = headBytes + tailBytes == 16;
        if (gap < 0 ? !full : headBytes + tailBytes > 14) {
            return null;
        }
        byte[] out = new byte[16];
        System.arraycopy(head, 0, out, 0, headBytes);
        System.arraycopy(tail, 0, out, 16 - tailBytes, tailBytes);
        return out;
    }

    /** Parses colon-separated hex groups (last may be dotted IPv4) into {@code out}; returns bytes written or -1. */
    private static int groups(String text, byte[] out) {
        int written = 0;
        int start = 0;
        while (start <= text.length()) {
            int colon = text.indexOf(':', start);
            String group = text.substring(start, colon < 0 ? text.length() : colon);
            if (colon < 0 && group.indexOf('.') >= 0) {
                return written + 4 <= 16 && ipv4(group, out, written) ? written + 4 : -1;
            }
            int value = hexGroup(group);
            if (value < 0 || written + 2 > 16) {
                return -1;
            }
            out[written++] = (byte) (value >> 8);
            out[written++] = (byte) value;
            if (colon < 0) {
                return written;
            }
            start = colon + 1;
        }
        return -1;
    }

    private static int hexGroup(String group) {
        if (group.isEmpty() || group.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < group.length(); i++) {
            int digit = hexDigit(group.charAt(i));
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** The value of an ASCII hex digit, or -1 ({@link HexFormat} takes no other digits, unlike Character.digit). */
    private static int hexDigit(char c) {
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }
}
