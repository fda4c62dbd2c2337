package dev.lanyard.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Talks to a running node over its administration socket ({@code DATA_DIR/admin.sock}, see the server's AdminSocket):
 * sends one command, checks the node's first line, and gives the rest of the answer to the caller.
 */
final class AdminClient {
    static final String SOCKET = "admin.sock";

    private AdminClient() {}

    /** The answer after its {@code OK} line; the caller closes it. Throws with the node's reason on {@code ERROR}. */
    static InputStream call(Path dataDirectory, String command) throws IOException {
        Path socket = dataDirectory.resolve(SOCKET);
        if (!Files.exists(socket)) {
            throw new IllegalStateException("no running Lanyard uses the data directory " + dataDirectory + " (no "
                    + socket + "): start it, or name its directory with --data-dir");
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw new IllegalStateException("no running Lanyard answers at " + socket + " (" + e.getMessage()
                    + "): start it, or name its directory with --data-dir", e);
        }
        InputStream in = Channels.newInputStream(channel);
        try {
            Channels.newOutputStream(channel).write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            String first = readLine(in);
            if (first.startsWith("OK")) {
                return in;
            }
            throw new IllegalStateException(first.startsWith("ERROR ") ? first.substring("ERROR ".length())
                    : "the node answered " + first);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The whole answer of a command that prints text. */
    static String text(Path dataDirectory, String command) throws IOException {
        try (InputStream in = call(dataDirectory, command)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("the node closed the connection without answering");
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
