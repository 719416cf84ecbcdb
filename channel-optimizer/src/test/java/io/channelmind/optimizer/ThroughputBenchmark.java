package io.channelmind.optimizer;

import static io.channelmind.optimizer.TestEvents.contact;
import static io.channelmind.optimizer.TestEvents.conversion;
import static io.channelmind.optimizer.TestEvents.identify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Measures how long the service takes to consume an import the size of the bank-marketing data
 * set: 41,188 profiles with one identify and one contact each, and a conversion for every
 * ninth, 86,953 events in all. Surefire's default includes skip this class by its name; run it
 * alone with {@code ./mvnw -o -q -pl channel-optimizer verify -Dtest=ThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
class ThroughputBenchmark {

    @Test
    void bankMarketingSizedImport() {
        String importId = TestEvents.unique("throughput");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 41_188; i++) {
            String profile = "bank-marketing:row-" + i;
            String channel = i % 3 == 0 ? "telephone" : "cellular";
            events.add(identify(profile, importId));
            events.add(contact(profile, channel, importId));
            if (i % 9 == 0) {
                events.add(conversion(profile, channel, null, importId));
            }
        }
        long start = System.nanoTime();
        TestEvents.sendCustomerEvents(events);
        long sent = System.nanoTime();
        TestEvents.awaitImportProgress(importId, events.size());
        long consumed = System.nanoTime();
        System.out.printf("THROUGHPUT events=%d send=%.1fs consumed=%.1fs%n", events.size(),
                (sent - start) / 1e9, (consumed - start) / 1e9);
    }
}
