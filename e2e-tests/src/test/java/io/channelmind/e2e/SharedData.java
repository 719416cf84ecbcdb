package io.channelmind.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the folder of real public data sets that sits beside the repository
 * ({@code ../shared/data}). The data is never copied into the repository, so tests that need
 * it skip when the folder is missing. {@code CHANNELMIND_SHARED_DATA} overrides the location.
 */
final class SharedData {

    private SharedData() {
    }

    static Optional<Path> file(String relative) {
        String override = System.getenv("CHANNELMIND_SHARED_DATA");
        Path root = Path.of(System.getProperty("channelmind.root", "..")).toAbsolutePath().normalize();
        Path folder = override != null ? Path.of(override) : root.resolveSibling("shared").resolve("data");
        Path file = folder.resolve(relative);
        return Files.isReadable(file) ? Optional.of(file) : Optional.empty();
    }
}
