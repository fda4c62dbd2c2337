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
 * s3proxy 4.0.0 (Maven Central, copied to target/s3proxy by the build) as the gateway's backend: its own process on a
 * free loopback port, storing in a temporary directory, verifying SigV4 with a key made up for this run. Stopped, by
 * its own process handle, when the test closes it.
 */
final class S3Proxy implements AutoCloseable {
    final URI endpoint;
    final String accessKeyId;
    final String secretAccessKey;
    final Path storage;
    private final Process process;

    private S3Proxy(URI endpoint, String accessKeyId, String secretAccessKey, Path storage, Process process) {
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.storage = storage;
        this.process = process;
    }

    static S3Proxy start() {
        try {
            Path jar = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin)");
            }
            Path dir = Files.createTempDirectory("lanyard-s3proxy");
            Path storage = Files.createDirectories(dir.resolve("blobs"));
            int port = LoopbackProcess.freePort();
            SecureRandom random = new SecureRandom();
            String id = "BACKEND" + HexFormat.of().withUpperCase().formatHex(random.generateSeed(6));
            String secret = HexFormat.of().formatHex(random.generateSeed(20));
            Path conf = dir.resolve("s3proxy.conf");
            Files.writeString(conf, String.join("\n",
                    "s3proxy.authorization=aws-v2-or-v4",
                    // Newer SDKs send hints s3proxy does not know (x-amz-mp-object-size on CompleteMultipartUpload)
                    // and would refuse with 501 whether or not the gateway is in between.
                    "s3proxy.ignore-unknown-headers=true",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.identity=" + id,
                    "s3proxy.credential=" + secret,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + storage,
                    "jclouds.identity=" + id,
                    "jclouds.credential=" + secret) + "\n");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties",
                    conf.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile())
                    .start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            S3Proxy proxy = new S3Proxy(endpoint, id, secret, storage, process);
            LoopbackProcess.awaitAnswering("s3proxy", process, endpoint, dir.resolve("s3proxy.log"));
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        LoopbackProcess.stop(process);
    }
}
