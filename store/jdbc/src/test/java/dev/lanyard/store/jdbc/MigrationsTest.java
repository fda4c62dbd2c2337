package dev.lanyard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    @Test
    void namesEveryMigrationFileInItsLocation() throws IOException, URISyntaxException {
        Path directory = Path.of(getClass().getClassLoader().getResource(Migrations.LOCATION).toURI());
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Migrations.FILES);
        }
    }

    @Test
    void describesScriptsAsFlywaysClassPathScannerDoes() throws IOException {
        Migrations migrations = Migrations.forClassLoader(getClass().getClassLoader());
        LoadableResource v1 = migrations.getResource("V1__iam_entities.sql");

        assertThat(v1.getFilename()).isEqualTo("V1__iam_entities.sql");
        assertThat(v1.getRelativePath()).isEqualTo("V1__iam_entities.sql");
        assertThat(v1.getAbsolutePath()).isEqualTo("db/migration/V1__iam_entities.sql");
        try (Reader reader = v1.read()) {
            assertThat(reader.read()).isNotEqualTo(-1);
        }
        assertThat(migrations.getResources("V", ".sql")).hasSize(Migrations.FILES.size());
        assertThat(migrations.getResources("R", ".sql")).isEmpty();
        assertThat(migrations.getResources("V", ".java")).isEmpty();
        assertThat(migrations.getResource("beforeMigrate.sql")).isNull();
    }
}
