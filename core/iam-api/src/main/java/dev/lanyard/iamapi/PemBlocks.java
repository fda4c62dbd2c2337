package dev.lanyard.iamapi;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text: the blocks between BEGIN and END lines, each with its label and DER bytes. */
final class PemBlocks {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    record Block(String label, byte[] der) {}

    private PemBlocks() {}

    /** Every block of the text, in order; empty when a block's Base64 is broken or nothing but blocks is there. */
    static Optional<List<Block>> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        int end = 0;
        while (m.find()) {
            if (!text.substring(end, m.start()).isBlank()) {
                return Optional.empty();
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2).strip())));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            end = m.end();
        }
        if (!text.substring(end).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(blocks));
    }

    static boolean looksLikePem(String text) {
        return text.strip().startsWith("-----BEGIN ");
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
