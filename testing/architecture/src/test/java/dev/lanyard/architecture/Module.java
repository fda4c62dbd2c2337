package dev.lanyard.architecture;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One Maven module as the rules see it: its folder, the package it owns and its layer. The folder tree is the
 * architecture (ADR 0001); a class belongs to the module whose package is the longest prefix of its name.
 */
record Module(String folder, String packageRoot, Layer layer) {
    enum Layer {
        /** {@code lib/}: pure, no I/O, depends on nothing of ours but aws-types. */
        LIBRARY,
        /** {@code core/}: the domain; lib and core only, no HTTP, JDBC, XML or federation libraries. */
        CORE,
        /** {@code federation/} and {@code store/jdbc}: implement the ports of iam-spi, never use each other. */
        ADAPTER,
        /** {@code store/store-testing}: the store contract tests, shipped as main code for the adapters' tests. */
        CONTRACT_KIT,
        /** {@code server/}: the composition root. */
        SERVER,
        /** {@code cli/}: the command, the only module that depends on the server. */
        CLI
    }

    static final List<Module> ALL = List.of(
            new Module("lib/aws-types", "dev.lanyard.aws", Layer.LIBRARY),
            new Module("lib/sigv4", "dev.lanyard.sigv4", Layer.LIBRARY),
            new Module("lib/policy", "dev.lanyard.policy", Layer.LIBRARY),
            new Module("lib/tokens", "dev.lanyard.tokens", Layer.LIBRARY),
            new Module("lib/query-protocol", "dev.lanyard.query", Layer.LIBRARY),
            new Module("lib/totp", "dev.lanyard.totp", Layer.LIBRARY),
            new Module("lib/passwords", "dev.lanyard.passwords", Layer.LIBRARY),
            new Module("lib/s3", "dev.lanyard.s3", Layer.LIBRARY),
            new Module("core/iam-model", "dev.lanyard.iam.model", Layer.CORE),
            new Module("core/iam-spi", "dev.lanyard.iam.spi", Layer.CORE),
            new Module("core/authz", "dev.lanyard.authz", Layer.CORE),
            new Module("core/pipeline", "dev.lanyard.pipeline", Layer.CORE),
            new Module("core/authorize-api", "dev.lanyard.authorizeapi", Layer.CORE),
            new Module("core/sts", "dev.lanyard.sts", Layer.CORE),
            new Module("core/iam-api", "dev.lanyard.iamapi", Layer.CORE),
            new Module("federation/oidc", "dev.lanyard.oidc", Layer.ADAPTER),
            new Module("federation/saml", "dev.lanyard.saml", Layer.ADAPTER),
            new Module("store/jdbc", "dev.lanyard.store.jdbc", Layer.ADAPTER),
            new Module("store/store-testing", "dev.lanyard.store.testing", Layer.CONTRACT_KIT),
            new Module("server/server", "dev.lanyard.server", Layer.SERVER),
            new Module("server/s3-gateway", "dev.lanyard.s3gateway", Layer.SERVER),
            new Module("server/authorizer", "dev.lanyard.authorizer", Layer.SERVER),
            new Module("cli", "dev.lanyard.cli", Layer.CLI));

    /** The ports adapters implement and the model they exchange. */
    static final List<String> PORTS = List.of("core/iam-spi", "core/iam-model");

    static final String OURS = "dev.lanyard.";

    static Optional<Module> of(String className) {
        return ALL.stream().filter(m -> className.startsWith(m.packageRoot + "."))
                .max(Comparator.comparingInt(m -> m.packageRoot.length()));
    }

    static Module named(String folder) {
        return ALL.stream().filter(m -> m.folder.equals(folder)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no module " + folder));
    }

    static boolean isOurs(String className) {
        return className.startsWith(OURS);
    }

    boolean isPort() {
        return PORTS.contains(folder);
    }
}
