package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service catalogue file: none is an empty catalogue; one that cannot be read or parsed stops the start. */
class ServiceCatalogueFileTest {
    @Test
    void noFileIsAnEmptyCatalogue() {
        assertThat(ServiceCatalogueFile.read(Optional.empty()).service("anything")).isEmpty();
    }

    @Test
    void aMissingFileSaysItCannotBeRead(@TempDir Path directory) {
        Path missing = directory.resolve("services.json");

        assertThatThrownBy(() -> ServiceCatalogueFile.read(Optional.of(missing)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot read the service catalogue " + missing);
    }

    @Test
    void anInvalidFileSaysWhy(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("services.json"), "{\"Unknown\":{}}");

        assertThatThrownBy(() -> ServiceCatalogueFile.read(Optional.of(file)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the service catalogue " + file + " is invalid: ");
    }
}
