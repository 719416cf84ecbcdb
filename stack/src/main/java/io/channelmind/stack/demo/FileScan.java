package io.channelmind.stack.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark baseline: one plain pass over an input file that reads every line and splits
 * it on the delimiter, with no parsing, validation, Kafka or database. Prints
 * {@code rows=N millis=M}.
 *
 * <p>Arguments: {@code FILE [DELIMITER]} (default {@code ,}).
 */
public final class FileScan {

    private FileScan() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("Usage: FileScan FILE [DELIMITER]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String delimiter = args.length > 1 ? args[1] : ",";
        long started = System.nanoTime();
        long rows = 0;
        long fields = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            while ((line = reader.readLine()) != null) {
                rows++;
                fields += line.split(delimiter, -1).length;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("rows=" + rows + " fields=" + fields + " millis=" + millis);
    }
}
