package io.channelmind.ingestion.tracking;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code context} of a tracking call as compact JSON, with the string fields that the
 * channel mapping and the event's {@code campaign} read from it. A field is null when it is
 * absent or not a JSON string. {@code containsIp} is true when the context has a top-level
 * {@code ip} field, which the event writer removes.
 */
record CallContext(CompactObject json, String campaignName, String campaignSource, String campaignMedium,
        String pageReferrer, String pageUrl, boolean containsIp) {

    /** Fields of {@code context.campaign} that are read, in the order of {@link #CallContext(CompactObject, String[], String[], boolean)}. */
    static final String[] CAMPAIGN_FIELDS = {"name", "source", "medium"};
    /** Fields of {@code context.page} that are read. */
    static final String[] PAGE_FIELDS = {"referrer", "url"};

    static final CallContext EMPTY = new CallContext(CompactObject.EMPTY, null, null, null, null, null, false);

    CallContext(CompactObject json, String[] campaign, String[] page, boolean containsIp) {
        this(json, campaign[0], campaign[1], campaign[2], page[0], page[1], containsIp);
    }

    /** Reads the fields from a context tree, such as a batch context merged with a call's. */
    static CallContext of(CompactObject json, JsonNode tree) {
        JsonNode campaign = tree.path("campaign");
        JsonNode page = tree.path("page");
        return new CallContext(json, text(campaign.path("name")), text(campaign.path("source")),
                text(campaign.path("medium")), text(page.path("referrer")), text(page.path("url")), tree.has("ip"));
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }
}
