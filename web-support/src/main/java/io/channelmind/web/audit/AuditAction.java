package io.channelmind.web.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a change did to an entity, written in lower case in the audit log and its query. */
public enum AuditAction {
    CREATED, CHANGED, APPROVED, REJECTED, SCHEDULED, LAUNCHED, PAUSED, RESUMED, CANCELLED, GRANTED, REVOKED,
    ROTATED, DELETED, ERASED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the action with the wire name, or nothing for an unknown name. */
    public static Optional<AuditAction> fromWireName(String name) {
        return Arrays.stream(values()).filter(action -> action.wireName().equals(name)).findFirst();
    }

    /** Returns every wire name, comma-separated, for error messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(AuditAction::wireName).collect(Collectors.joining(", "));
    }
}
