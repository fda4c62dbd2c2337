package dev.lanyard.cli;

import dev.lanyard.server.LanyardConfig;
import dev.lanyard.server.LanyardServer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanyard serve}: runs the server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start Lanyard with the embedded store in a data directory.")
final class ServeCommand implements Runnable {
    @Option(names = "--port", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).",
            defaultValue = "" + LanyardConfig.DEFAULT_PORT)
    int port;

    @Option(names = "--host", description = "Address to bind (default ${DEFAULT-VALUE}).",
            defaultValue = LanyardConfig.DEFAULT_HOST)
    String host;

    @Option(names = "--data-dir", description = "Data directory (default ${DEFAULT-VALUE}).",
            defaultValue = "lanyard-data")
    Path dataDirectory;

    @Override
    public void run() {
        LanyardConfig config = LanyardConfig.defaults(dataDirectory.toAbsolutePath()).withPort(port).withHost(host)
                .withMasterKey(Optional.ofNullable(System.getenv("LANYARD_MASTER_KEY")));
        LanyardServer server = LanyardServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        printUsage(server);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printUsage(LanyardServer server) {
        System.out.println("Lanyard is serving AWS STS, IAM and Organizations at " + server.endpointUrl());
        System.out.println((server.firstStart() ? "Created" : "Using") + " management account "
                + server.managementAccountId() + "; its root credentials are in " + server.credentialsFile());
        System.out.println("Try:");
        System.out.println("  export AWS_CONFIG_FILE=" + server.configFile());
        System.out.println("  export AWS_SHARED_CREDENTIALS_FILE=" + server.credentialsFile());
        System.out.println("  export AWS_PROFILE=lanyard");
        System.out.println("  aws sts get-caller-identity");
        System.out.flush();
    }
}
