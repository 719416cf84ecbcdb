package io.channelmind.ingestion.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic event ids: the same mapping, row number and content give the same id, so a
 * re-imported file produces the same ids and consumers that de-duplicate on {@code eventId}
 * apply each fact once. The ids are name-based UUIDs (RFC 4122 version 3, MD5). They identify
 * facts and are not meant to resist deliberate collisions.
 */
public final class EventIds {

    private static final String SEPARATOR = "\u001f";
    /**
     * One MD5 digest per thread, because {@link UUID#nameUUIDFromBytes} looks one up for every id
     * and a tracking request makes an id for each of its calls.
     */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(EventIds::md5);

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

    /** Returns the same text as {@code UUID.nameUUIDFromBytes(joined parts).toString()}. */
    private static String nameBased(String... parts) {
        byte[] hash = MD5.get().digest(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        return new UUID(bigEndianLong(hash, 0), bigEndianLong(hash, 8)).toString();
    }

    private static long bigEndianLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no MD5, which every Java platform must provide", e);
        }
    }
}
