package io.channelmind.stack.demo;

import java.nio.file.Path;

/**
 * Input of a demo run: a file with its column mapping, or {@code null} for the generated data
 * set of {@code customers} customers. Also the segment to target and the report file.
 */
public record DemoOptions(Path input, String mapping, int customers, long seed, String segment, String locale,
        Path report, Path workDir) {

    public static final String DEFAULT_SEGMENT = "not-converted";

    public boolean generated() {
        return input == null;
    }
}
