package io.channelmind.ingestion.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's shared public data sets: the {@code shared/data} folder beside the
 * repository, found by walking up from the working directory. The data is not part of the
 * repository, so tests that need it are skipped where it is missing.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Optional<Path> file(String relativePath) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(relativePath);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
