package io.channelmind.stack.demo;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Summary of a generated demo data set, with the counts the pipeline must reproduce: per-channel
 * contacts and conversions, the size of the {@code not-converted} segment and the outcome of
 * an e-mail campaign to it.
 *
 * @param channels per channel: {@code [contacts, conversions]}
 * @param expectedSkips skip reason to count for an e-mail campaign to the segment
 * @param expectedRecipients the addresses that campaign must reach, each exactly once
 */
public record DemoDataSet(Path file, int customers, int rows, Map<String, long[]> channels, int notConverted,
        int expectedEmailsSent, int expectedDuplicates, Map<String, Integer> expectedSkips, int spendRows,
        Set<String> expectedRecipients) {
}
