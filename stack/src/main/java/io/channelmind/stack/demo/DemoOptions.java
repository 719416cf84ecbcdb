package io.channelmind.stack.demo;

import java.nio.file.Path;

/**
 * What the demo runs on: a file with its column mapping, or {@code null} for the generated
 * data set of {@code customers} customers; the segment to target; where to write the report.
 */
public record DemoOptions(Path input, String mapping, int customers, long seed, String segment, String locale,
        Path report, Path workDir) {

    public static final String DEFAULT_SEGMENT = "not-converted";

    public boolean generated() {
        return input == null;
    }
}
