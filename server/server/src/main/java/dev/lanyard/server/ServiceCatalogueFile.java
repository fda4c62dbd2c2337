package dev.lanyard.server;

import dev.lanyard.authorizeapi.ServiceCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The authorization API's catalogue of declared services, read once at start from the file {@code serve} names. */
final class ServiceCatalogueFile {
    private ServiceCatalogueFile() {}

    /** The catalogue in {@code file}, empty without one; a file that cannot be read or parsed stops the start. */
    static ServiceCatalogue read(Optional<Path> file) {
        if (file.isEmpty()) {
            return ServiceCatalogue.empty();
        }
        try {
            return ServiceCatalogue.parse(Files.readString(file.get()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the service catalogue " + file.get() + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the service catalogue " + file.get() + " is invalid: "
                    + e.getMessage());
        }
    }
}
