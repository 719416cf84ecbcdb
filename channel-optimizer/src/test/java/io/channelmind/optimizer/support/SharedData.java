package io.channelmind.optimizer.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates the public data sets in the {@code shared/data} folder beside the repository. The data
 * is not part of the repository, so a test that needs it is skipped with a message when it is missing.
 */
public final class SharedData {

    private SharedData() {
    }

    /** Returns the file, or skips the calling test when no parent folder has {@code shared/data/relativePath}. */
    public static Path require(String relativePath) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(relativePath);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("Skipped: shared/data/" + relativePath + " was not found beside the repository");
        return null;
    }
}
