package dev.lanyard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * moto's S3 ({@code moto_server}, installed with moto) as a second backend for the gateway, in memory, on a free
 * loopback port, stopped by its own process handle. moto accepts any key; the gateway is given one made up for the
 * run all the same, as it would be for a real store.
 */
final class MotoServer implements AutoCloseable {
    final URI endpoint;
    final String accessKeyId;
    final String secretAccessKey;
    private final Process process;

    private MotoServer(URI endpoint, String accessKeyId, String secretAccessKey, Process process) {
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.process = process;
    }

    static MotoServer start() {
        try {
            Path log = Files.createTempFile("lanyard-moto", ".log");
            int port = LoopbackProcess.freePort();
            SecureRandom random = new SecureRandom();
            String id = "MOTO" + HexFormat.of().withUpperCase().formatHex(random.generateSeed(8));
            String secret = HexFormat.of().formatHex(random.generateSeed(20));
            Process process = new ProcessBuilder(List.of("moto_server", "-H", "127.0.0.1", "-p",
                    Integer.toString(port))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            MotoServer moto = new MotoServer(URI.create("http://127.0.0.1:" + port), id, secret, process);
            LoopbackProcess.awaitAnswering("moto_server", process, moto.endpoint.resolve("/moto-api/"), log);
            return moto;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        LoopbackProcess.stop(process);
    }
}
