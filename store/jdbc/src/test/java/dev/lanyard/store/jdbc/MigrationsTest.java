package dev.lanyard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.flywaydb.core.api.resource.LoadableResource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void checksumsLinesWithoutTheirEndsOrAByteOrderMark() {
        int plain = Migrations.checksum(new StringReader("CREATE TABLE t (id INT);\nSELECT 1;\n"));
        assertThat(Migrations.checksum(new StringReader("\uFEFFCREATE TABLE t (id INT);\r\nSELECT 1;")))
                .isEqualTo(plain);
        assertThat(Migrations.checksum(new StringReader("CREATE TABLE t (id INT);\nSELECT 2;\n"))).isNotEqualTo(plain);
    }

    @Test
    void readsVersionsAsFlywayDoes() {
        assertThat(Migrations.version("V1__iam_entities.sql")).isEqualTo("1");
        assertThat(Migrations.version("V12_3__more.sql")).isEqualTo("12.3");
    }

    @Test
    void skipsFlywayOnlyWhenTheHistoryRecordsExactlyTheseScripts(@TempDir Path directory) throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        Migrations migrations = Migrations.forClassLoader(getClass().getClassLoader());
        try (Connection keepOpen = dataSource.getConnection()) {
            assertThat(migrations.applied(dataSource)).as("no history table").isFalse();

            Migrations.migrate(dataSource);
            assertThat(migrations.applied(dataSource)).as("checksums agree with Flyway's").isTrue();
            Migrations.migrate(dataSource);

            execute(keepOpen, "UPDATE flyway_schema_history SET checksum = checksum + 1");
            assertThat(migrations.applied(dataSource)).as("edited script").isFalse();
            execute(keepOpen, "UPDATE flyway_schema_history SET checksum = checksum - 1");
            execute(keepOpen, "UPDATE flyway_schema_history SET success = FALSE");
            assertThat(migrations.applied(dataSource)).as("failed migration").isFalse();
            execute(keepOpen, "UPDATE flyway_schema_history SET success = TRUE");
            execute(keepOpen, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'newer', 'SQL',"
                    + " 'V99__newer.sql', 1, 'lanyard', 0, TRUE)");
            assertThat(migrations.applied(dataSource)).as("newer schema than this build").isFalse();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
