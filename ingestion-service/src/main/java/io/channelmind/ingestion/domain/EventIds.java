package io.channelmind.ingestion.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: the same mapping, row number and content give the same id, so a
 * re-imported file produces the same ids and consumers that de-duplicate on {@code eventId}
 * apply each fact once. The ids are name-based UUIDs (RFC 4122 version 3, MD5). They identify
 * facts and are not meant to resist deliberate collisions.
 */
public final class EventIds {

    private static final String SEPARATOR = "\u001f";

    private EventIds() {
    }

    public static String customerEvent(String mapping, String profileKey, EventType type, long row) {
        return nameBased("customer-event", mapping, profileKey, type.jsonName(), Long.toString(row));
    }

    /** Spend rows have no profile key, so their id hashes the row's content instead. */
    public static String spend(String mapping, long row, String rowContent) {
        return nameBased("spend", mapping, rowContent, Long.toString(row));
    }

    /** Returns the id of an offer row; the same offer content gives the same id, whatever its row. */
    public static String offer(String mapping, String offerId, String rowContent) {
        return nameBased("offer", mapping, offerId, rowContent);
    }

    /** Dead letters are facts about one import, so their id includes the import id. */
    public static String deadLetter(String importId, long row) {
        return nameBased("dead-letter", importId, Long.toString(row));
    }

    /** Returns the id of a tracking call, one per source and messageId, so a resent call gets the same id. */
    public static String trackingCall(String sourceName, String messageId) {
        return nameBased("tracking-call", sourceName, messageId);
    }

    private static String nameBased(String... parts) {
        return UUID.nameUUIDFromBytes(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
