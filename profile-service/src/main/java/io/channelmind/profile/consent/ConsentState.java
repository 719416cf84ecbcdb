package io.channelmind.profile.consent;

import java.util.List;

/** The purposes, states and do-not-contact reasons of the consent API (docs/profiles.md). */
public final class ConsentState {

    /** Marketing messages, messages a customer needs for a purchase or account, and profiling or analytics. */
    public static final List<String> PURPOSES = List.of("marketing", "transactional", "profiling");

    public static final String PENDING = "pending";
    public static final String CONFIRMED = "confirmed";
    public static final String WITHDRAWN = "withdrawn";

    /** Reasons a do-not-contact mark can have; only {@code manual} and the delivery reasons exist. */
    public static final List<String> DO_NOT_CONTACT_REASONS = List.of("unsubscribed", "bounced", "complained", "manual");

    private ConsentState() {
    }
}
