package dev.lanyard.store.jdbc;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The schema migrations, named here rather than found by Flyway scanning the class path: in the shaded jar a scan
 * walks every one of its entries, twice (SQL resources and Java migration classes), at every start. A test checks
 * this list against the files in {@value #LOCATION}.
 */
final class Migrations implements ResourceProvider {
    static final String LOCATION = "db/migration";
    static final List<String> FILES = List.of("V1__iam_entities.sql");

    private final ClassLoader classLoader;

    private Migrations(ClassLoader classLoader) {
        this.classLoader = requireNonNull(classLoader, "classLoader is null");
    }

    static Migrations forClassLoader(ClassLoader classLoader) {
        return new Migrations(classLoader);
    }

    /** Brings the schema to the latest version. */
    static void migrate(DataSource dataSource) {
        ClassLoader classLoader = Migrations.class.getClassLoader();
        Flyway.configure(classLoader).dataSource(dataSource).locations("classpath:" + LOCATION)
                .resourceProvider(forClassLoader(classLoader))
                .javaMigrationClassProvider(List::of)
                .load().migrate();
    }

    @Override
    public LoadableResource getResource(String name) {
        return FILES.contains(name) ? new Migration(name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String... suffixes) {
        return FILES.stream()
                .filter(file -> file.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(file::endsWith))
                .<LoadableResource>map(Migration::new)
                .toList();
    }

    /** One migration script on the class path, described as Flyway's own class-path scanner would. */
    private final class Migration extends LoadableResource {
        private final String file;

        Migration(String file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            InputStream in = classLoader.getResourceAsStream(getAbsolutePath());
            if (in == null) {
                throw new IllegalStateException("migration " + getAbsolutePath() + " is not on the class path");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + "/" + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            URL url = classLoader.getResource(getAbsolutePath());
            return url == null ? getAbsolutePath() : url.getPath();
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
