package dev.lanyard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What this build is: the project's version and the commit it was built from, written into the jar by
 * {@code cli/src/build/build-info.sh} ("unknown" when built from sources that carry no commit).
 */
record BuildInfo(String version, String commit) {
    private static final String RESOURCE = "build-info.properties";

    static BuildInfo current() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar: build it with ./mvnw");
            }
            Properties properties = new Properties();
            properties.load(in);
            return new BuildInfo(properties.getProperty("version", "unknown"),
                    properties.getProperty("commit", "unknown"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line for logs: {@code lanyard 0.1.0 (commit 0123abc...)}. */
    String summary() {
        return "lanyard " + version + " (commit " + commit + ")";
    }

    /** {@code lanyard --version}: the build, then the Java runtime it runs on (the bundled one in a release). */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo build = current();
            return new String[] {"lanyard " + build.version(), "commit " + build.commit(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") on "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
