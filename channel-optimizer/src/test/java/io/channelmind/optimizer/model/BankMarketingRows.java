package io.channelmind.optimizer.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.channelmind.optimizer.support.SharedData;

/**
 * Reads UCI Bank Marketing ({@code bank-additional-full.csv}, in time order) as response
 * examples: {@code contact} is the channel, {@code y} the outcome, and every other column except
 * {@code duration} a feature.
 */
final class BankMarketingRows {

    static final String FILE = "bank-marketing/bank-additional-full.csv";

    private BankMarketingRows() {
    }

    /** Returns the rows in file order, or skips the calling test when the file is absent. */
    static List<ResponseExample> read() throws IOException {
        Path file = SharedData.require(FILE);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = split(lines.get(0));
        List<ResponseExample> rows = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            Map<String, String> features = new LinkedHashMap<>();
            String channel = null;
            boolean converted = false;
            for (int i = 0; i < header.length; i++) {
                switch (header[i]) {
                    case "contact" -> channel = cells[i];
                    case "y" -> converted = cells[i].equals("yes");
                    default -> features.put(header[i], cells[i]);
                }
            }
            rows.add(new ResponseExample(features, channel, converted));
        }
        return rows;
    }

    private static String[] split(String line) {
        String[] cells = line.strip().split(";", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].replace("\"", "");
        }
        return cells;
    }
}
