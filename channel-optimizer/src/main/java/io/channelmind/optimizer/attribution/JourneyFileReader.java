package io.channelmind.optimizer.attribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads journeys in the path-file layout used by the ChannelAttribution package: a header
 * {@code path;total_conversions;total_conversion_value;total_null}, then one journey per line
 * with the channels joined by {@code >}. Rows with the same path are kept apart, because
 * every model adds them up anyway.
 */
public final class JourneyFileReader {

    static final List<String> HEADER = List.of("path", "total_conversions", "total_conversion_value", "total_null");

    private JourneyFileReader() {
    }

    /** Parses every line; the first invalid one raises an {@link InvalidJourneyException} naming its row and column. */
    public static List<Journey> read(Reader input) throws IOException {
        BufferedReader lines = input instanceof BufferedReader buffered ? buffered : new BufferedReader(input);
        String header = lines.readLine();
        if (header == null || !Arrays.asList(strip(header).split(";", -1)).equals(HEADER)) {
            throw new InvalidJourneyException(0, "header", header,
                    "the first line must be the header " + String.join(";", HEADER));
        }

        List<Journey> journeys = new ArrayList<>();
        int row = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            row++;
            if (line.isBlank()) {
                continue;
            }
            journeys.add(parse(row, strip(line)));
        }
        return journeys;
    }

    private static Journey parse(int row, String line) {
        String[] fields = line.split(";", -1);
        if (fields.length != HEADER.size()) {
            throw new InvalidJourneyException(row, "row", line,
                    "expected 4 fields separated by ';' (" + String.join(";", HEADER) + "), found " + fields.length);
        }
        List<String> touchpoints = new ArrayList<>();
        for (String channel : fields[0].split(">", -1)) {
            String trimmed = channel.trim();
            if (trimmed.isEmpty()) {
                throw new InvalidJourneyException(row, "path", fields[0],
                        "name every channel; a path is channels joined by ' > ', such as 'email > sms'");
            }
            touchpoints.add(trimmed);
        }
        double conversions = count(row, "total_conversions", fields[1]);
        double value = count(row, "total_conversion_value", fields[2]);
        double nulls = count(row, "total_null", fields[3]);
        return new Journey(touchpoints, conversions, value, nulls);
    }

    private static double count(int row, String column, String text) {
        double number;
        try {
            number = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidJourneyException(row, column, text, "write a number such as 2 or 3.5, with '.' for decimals");
        }
        if (!(number >= 0) || Double.isInfinite(number)) {
            throw new InvalidJourneyException(row, column, text, "must be a finite number of at least 0");
        }
        return number;
    }

    private static String strip(String line) {
        String withoutBom = line.startsWith("\uFEFF") ? line.substring(1) : line;
        return withoutBom.endsWith("\r") ? withoutBom.substring(0, withoutBom.length() - 1) : withoutBom;
    }
}
