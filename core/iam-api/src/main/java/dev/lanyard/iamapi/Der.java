package dev.lanyard.iamapi;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Just enough DER to read PKCS#1 and SEC1 keys and wrap them as PKCS#8 for the JDK's key factories. */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    record Element(int tag, byte[] content) {
        BigInteger integer() {
            require(INTEGER);
            return new BigInteger(content);
        }

        List<Element> children() {
            return Der.readAll(content);
        }

        Element require(int expected) {
            if (tag != expected) {
                throw new IllegalArgumentException("unexpected DER tag " + tag);
            }
            return this;
        }
    }

    private Der() {}

    /** The one element the bytes hold; IllegalArgumentException when they hold anything else. */
    static Element read(byte[] der) {
        List<Element> all = readAll(der);
        if (all.size() != 1) {
            throw new IllegalArgumentException("not one DER element");
        }
        return all.get(0);
    }

    static List<Element> readAll(byte[] der) {
        List<Element> elements = new ArrayList<>();
        int i = 0;
        while (i < der.length) {
            int tag = der[i++] & 0xff;
            if (i >= der.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            int length = der[i++] & 0xff;
            if (length > 0x80) {
                int octets = length - 0x80;
                if (octets > 3 || i + octets > der.length) {
                    throw new IllegalArgumentException("bad DER length");
                }
                length = 0;
                for (int k = 0; k < octets; k++) {
                    length = (length << 8) | (der[i++] & 0xff);
                }
            } else if (length == 0x80) {
                throw new IllegalArgumentException("indefinite DER length");
            }
            if (length > der.length - i) {
                throw new IllegalArgumentException("truncated DER");
            }
            byte[] content = new byte[length];
            System.arraycopy(der, i, content, 0, length);
            elements.add(new Element(tag, content));
            i += length;
        }
        return elements;
    }

    static byte[] encode(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    static byte[] element(Element e) {
        return encode(e.tag(), e.content());
    }
}
