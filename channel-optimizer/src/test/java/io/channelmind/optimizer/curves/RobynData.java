package io.channelmind.optimizer.curves;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads Robyn's weekly demo data set and its holiday calendar into a {@link MarketingHistory}. */
public final class RobynData {

    private RobynData() {
    }

    /** Reads Robyn's demo data: revenue, five spend channels, competitor sales, events and newsletter as controls. */
    public static MarketingHistory read(Path data, Path holidays) throws IOException {
        List<String> lines = Files.readAllLines(data, StandardCharsets.UTF_8);
        List<String> header = unquote(lines.get(0).split(","));
        int rows = lines.size() - 1;
        List<String> periods = new ArrayList<>();
        double[] revenue = new double[rows];
        Map<String, double[]> spend = new LinkedHashMap<>();
        for (String channel : List.of("tv_S", "ooh_S", "print_S", "facebook_S", "search_S")) {
            spend.put(channel, new double[rows]);
        }
        Map<String, double[]> controls = new LinkedHashMap<>();
        for (String control : List.of("competitor_sales_B", "events", "newsletter")) {
            controls.put(control, new double[rows]);
        }
        for (int r = 0; r < rows; r++) {
            List<String> fields = unquote(lines.get(r + 1).split(","));
            periods.add(fields.get(header.indexOf("DATE")));
            revenue[r] = Double.parseDouble(fields.get(header.indexOf("revenue")));
            for (Map.Entry<String, double[]> entry : spend.entrySet()) {
                entry.getValue()[r] = Double.parseDouble(fields.get(header.indexOf(entry.getKey())));
            }
            for (Map.Entry<String, double[]> entry : controls.entrySet()) {
                String text = fields.get(header.indexOf(entry.getKey()));
                entry.getValue()[r] = entry.getKey().equals("events") ? (text.equals("na") ? 0 : 1)
                        : Double.parseDouble(text);
            }
        }

        Set<LocalDate> germanHolidays = new HashSet<>();
        if (Files.isRegularFile(holidays)) {
            for (String line : Files.readAllLines(holidays, StandardCharsets.UTF_8)) {
                // Holiday names may contain commas inside their quotes.
                List<String> fields = unquote(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"));
                if (fields.size() >= 3 && fields.get(2).equals("DE")) {
                    germanHolidays.add(LocalDate.parse(fields.get(0)));
                }
            }
        }
        return MarketingHistory.of(Grain.WEEKLY, periods, revenue, spend, controls, germanHolidays);
    }

    private static List<String> unquote(String[] fields) {
        List<String> values = new ArrayList<>();
        for (String field : fields) {
            values.add(field.replace("\"", "").trim());
        }
        return values;
    }
}
