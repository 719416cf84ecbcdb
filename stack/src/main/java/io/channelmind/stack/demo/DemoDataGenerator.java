package io.channelmind.stack.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a seeded, realistic multi-channel marketing data set in the {@code channelmind-demo}
 * column mapping: customers with contact points and consent, contacts on five channels,
 * conversions credited to the channel that made them, and daily spend per channel. The same
 * seed always gives the same file.
 */
public final class DemoDataGenerator {

    public static final String MAPPING = "channelmind-demo";
    public static final String HEADER =
            "customer_id,first_name,email,phone,locale,time_zone,consent_email,consent_sms,event,channel,campaign,occurred_at,value,currency";

    private static final String[] CHANNELS = {"email", "sms", "wechat", "search", "social"};
    /** How often a contact goes through each channel, in the order of {@link #CHANNELS}. */
    private static final double[] CHANNEL_WEIGHTS = {0.35, 0.20, 0.20, 0.15, 0.10};
    /** Chance that one contact on the channel leads to a conversion. */
    private static final double[] CONVERSION_RATES = {0.14, 0.06, 0.08, 0.05, 0.03};
    private static final String[] CAMPAIGNS = {"autumn-sale", "new-arrivals", "loyalty-week"};
    private static final String[] EN_NAMES = {"Olivia", "Liam", "Emma", "Noah", "Ava", "James", "Mia", "Lucas"};
    private static final String[] ZH_NAMES = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "婷", "杰", "丽"};
    private static final String[] ZONES = {"Asia/Shanghai", "Asia/Shanghai", "Asia/Shanghai", "Europe/London",
            "America/New_York"};
    private static final Instant PERIOD_END = Instant.parse("2026-11-01T00:00:00Z");
    private static final int PERIOD_DAYS = 28;

    private DemoDataGenerator() {
    }

    public static DemoDataSet generate(Path file, int customers, long seed) {
        if (customers < 1) {
            throw new IllegalArgumentException("Invalid number of customers " + customers + ": use 1 or more");
        }
        Random random = new Random(seed);
        Map<String, long[]> channels = new TreeMap<>();
        for (String channel : CHANNELS) {
            channels.put(channel, new long[2]);
        }
        List<String> emails = new ArrayList<>();
        Set<String> sentAddresses = new HashSet<>();
        Map<String, Integer> skips = new LinkedHashMap<>();
        int notConverted = 0;
        int duplicates = 0;
        int rows = 0;

        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(HEADER);
                out.newLine();
                for (int i = 1; i <= customers; i++) {
                    Customer customer = customer(i, random, emails);
                    out.write(customer.row());
                    out.newLine();
                    rows++;

                    int conversions = 0;
                    int contacts = 1 + random.nextInt(5);
                    for (int c = 0; c < contacts; c++) {
                        int channel = pick(random, CHANNEL_WEIGHTS);
                        String campaign = CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
                        Instant at = PERIOD_END.minus(Duration.ofMinutes(1 + random.nextInt(PERIOD_DAYS * 24 * 60)));
                        out.write(event(customer, "contact", CHANNELS[channel], campaign, at, ""));
                        out.newLine();
                        channels.get(CHANNELS[channel])[0]++;
                        rows++;
                        if (random.nextDouble() < CONVERSION_RATES[channel]) {
                            Instant convertedAt = at.plus(Duration.ofMinutes(5 + random.nextInt(600)));
                            String value = String.format(Locale.ROOT, "%.2f", 49 + random.nextInt(45_000) / 100.0);
                            out.write(event(customer, "conversion", CHANNELS[channel], campaign, convertedAt, value));
                            out.newLine();
                            channels.get(CHANNELS[channel])[1]++;
                            conversions++;
                            rows++;
                        }
                    }

                    if (conversions == 0) {
                        notConverted++;
                        if (customer.email.isEmpty()) {
                            skips.merge("no contact point", 1, Integer::sum);
                        } else if (!customer.consentEmail) {
                            skips.merge("no consent", 1, Integer::sum);
                        } else if (!sentAddresses.add(customer.email)) {
                            duplicates++;
                        }
                    }
                }
                rows += writeSpend(out, random);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the demo data to " + file + " failed", e);
        }
        return new DemoDataSet(file, customers, rows, channels, notConverted, sentAddresses.size(), duplicates, skips,
                CHANNELS.length * PERIOD_DAYS, Set.copyOf(sentAddresses));
    }

    private record Customer(String id, String firstName, String email, String phone, String locale, String zone,
            boolean consentEmail, boolean consentSms) {

        String row() {
            return String.join(",", id, firstName, email, phone, locale, zone, String.valueOf(consentEmail),
                    String.valueOf(consentSms), "customer", "", "", PERIOD_END.minus(Duration.ofDays(PERIOD_DAYS))
                            .toString(), "", "");
        }
    }

    private static Customer customer(int index, Random random, List<String> emails) {
        String id = String.format("c-%06d", index);
        String zone = ZONES[random.nextInt(ZONES.length)];
        boolean chinese = zone.startsWith("Asia");
        String firstName = chinese ? ZH_NAMES[random.nextInt(ZH_NAMES.length)] : EN_NAMES[random.nextInt(EN_NAMES.length)];

        String email = "";
        double emailRoll = random.nextDouble();
        if (emailRoll < 0.02 && !emails.isEmpty()) {
            // A household sharing one mailbox: two customers, one address.
            email = emails.get(random.nextInt(emails.size()));
        } else if (emailRoll < 0.90) {
            String domain = new String[] {"example.com", "example.org", "example.net"}[random.nextInt(3)];
            email = "customer" + index + "@" + domain;
            emails.add(email);
        }
        String phone = "";
        if (random.nextDouble() < 0.7) {
            phone = chinese ? "+86138" + String.format("%08d", index) : "+447910" + String.format("%06d", index % 1_000_000);
        }
        boolean consentEmail = !email.isEmpty() && random.nextDouble() < 0.92;
        boolean consentSms = !phone.isEmpty() && random.nextDouble() < 0.8;
        return new Customer(id, firstName, email, phone, chinese ? "zh-CN" : "en", zone, consentEmail, consentSms);
    }

    private static String event(Customer customer, String type, String channel, String campaign, Instant at,
            String value) {
        // Times are written in the customer's own offset; ingestion converts them to UTC.
        String local = at.atZone(ZoneId.of(customer.zone)).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return String.join(",", customer.id, "", "", "", "", "", "", "", type, channel, campaign, local, value,
                value.isEmpty() ? "" : "CNY");
    }

    private static int writeSpend(BufferedWriter out, Random random) throws IOException {
        int rows = 0;
        LocalDate first = LocalDate.ofInstant(PERIOD_END, ZoneOffset.UTC).minusDays(PERIOD_DAYS);
        for (int day = 0; day < PERIOD_DAYS; day++) {
            for (String channel : CHANNELS) {
                String cost = String.format(Locale.ROOT, "%.2f", 200 + random.nextInt(300_000) / 100.0);
                String at = first.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
                out.write(String.join(",", "", "", "", "", "", "", "", "", "spend", channel, "always-on", at, cost, "CNY"));
                out.newLine();
                rows++;
            }
        }
        return rows;
    }

    private static int pick(Random random, double[] weights) {
        double roll = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (roll < cumulative) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
