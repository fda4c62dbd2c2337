package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.store.jdbc.JdbcIamStore;
import dev.lanyard.store.jdbc.MasterKeyStatus;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The node's administration channel: a Unix-domain socket, {@code admin.sock} in the data directory, for the commands
 * that act on a running node's store ({@code lanyard backup}, {@code lanyard rotate-master-key},
 * {@code lanyard delegation-token}). It is never on the
 * network: who may use it is decided by the file system, the data directory being its owner's alone (0700), so the
 * only callers are those who could read the master key and the database anyway.
 *
 * <p>Protocol: the client sends one line, the command; the node answers {@code OK} and a line, then the command's
 * output until it closes the connection, or {@code ERROR} and the reason.
 */
final class AdminSocket implements AutoCloseable {
    static final String FILE_NAME = "admin.sock";
    private static final System.Logger LOG = System.getLogger("dev.lanyard.server");
    private static final int MAX_COMMAND = 200;

    private final Path path;
    private final ServerSocketChannel channel;
    private final JdbcIamStore store;
    private final MasterKeyRotator rotator;

    private AdminSocket(Path path, ServerSocketChannel channel, JdbcIamStore store, MasterKeyRotator rotator) {
        this.path = path;
        this.channel = channel;
        this.store = store;
        this.rotator = rotator;
    }

    /** Listens in {@code dataDirectory}; empty (and said in the log) when the socket cannot be made there. */
    static Optional<AdminSocket> open(Path dataDirectory, JdbcIamStore store, MasterKeyRotator rotator) {
        requireNonNull(store, "store is null");
        requireNonNull(rotator, "rotator is null");
        Path path = dataDirectory.resolve(FILE_NAME);
        try {
            Files.deleteIfExists(path); // left by a node that was killed: the data directory's lock is held now
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.bind(UnixDomainSocketAddress.of(path));
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            AdminSocket socket = new AdminSocket(path, channel, store, rotator);
            Thread.ofPlatform().name("lanyard-admin").daemon().start(socket::acceptLoop);
            return Optional.of(socket);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "no administration socket at " + path + " (" + e
                    + "): lanyard backup and rotate-master-key cannot reach this node");
            return Optional.empty();
        }
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                Thread.ofVirtual().name("lanyard-admin-call").start(() -> serve(client));
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "administration socket: " + e);
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client; OutputStream out = new BufferedOutputStream(Channels.newOutputStream(client), 1 << 16)) {
            String command = readCommand(Channels.newInputStream(client));
            try {
                answer(command, out);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "administration command " + command + " failed: " + e);
                out.write(("ERROR " + oneLine(e.getMessage()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "administration socket: " + e);
        }
    }

    private void answer(String command, OutputStream out) throws IOException {
        switch (command) {
            case "backup" -> {
                ok(out, "backup");
                store.backup(out);
            }
            case "rotate-master-key" -> {
                MasterKeyRotator.Report report = rotator.rotate();
                ok(out, "rotated");
                text(out, "sealing key: " + report.sealingKey() + "\nvalues re-sealed: " + report.resealed()
                        + "\nkeys no longer needed: " + report.retired() + "\n"
                        + report.retiredTo().map(dir -> "retired keys kept in: " + dir + "\n").orElse(""));
            }
            case "master-key-status" -> {
                MasterKeyStatus status = rotator.status();
                ok(out, "status");
                text(out, "sealing key: " + status.sealingKey() + "\nthis node's keys: " + status.nodeKeys()
                        + "\nsealed values by key: " + status.sealed().byKey() + "\n"
                        + status.nodes().map(nodes -> nodes.stream().map(n -> "node " + n.name() + " holds "
                                + n.keys()).collect(Collectors.joining("\n", "", "\n"))).orElse(""));
            }
            default -> {
                if (command.startsWith(TradeInTokenDelivery.COMMAND)) {
                    String token = TradeInTokenDelivery.deliver(store.snapshot(),
                            command.substring(TradeInTokenDelivery.COMMAND.length()).strip());
                    ok(out, "delegation-token");
                    text(out, token);
                } else {
                    text(out, "ERROR unknown command; this node knows backup, rotate-master-key,"
                            + " master-key-status and delegation-token ID\n");
                }
            }
        }
    }

    private static void ok(OutputStream out, String what) throws IOException {
        text(out, "OK " + what + "\n");
        out.flush();
    }

    private static void text(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String readCommand(InputStream in) throws IOException {
        StringBuilder command = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (command.length() == MAX_COMMAND) {
                throw new IOException("a command longer than " + MAX_COMMAND + " bytes");
            }
            command.append((char) b);
        }
        return command.toString().strip();
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.replace('\n', ' ');
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the administration socket: " + e);
        }
    }
}
