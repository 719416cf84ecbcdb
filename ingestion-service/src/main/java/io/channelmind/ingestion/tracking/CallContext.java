package io.channelmind.ingestion.tracking;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code context} of a tracking call as compact JSON, with the string fields that the
 * channel mapping and the event's {@code campaign} read from it. A field is null when it is
 * absent or not a JSON string.
 */
record CallContext(CompactObject json, String campaignName, String campaignSource, String campaignMedium,
        String pageReferrer, String pageUrl) {

    /** Fields of {@code context.campaign} that are read, in the order of {@link #CallContext(CompactObject, String[], String[])}. */
    static final String[] CAMPAIGN_FIELDS = {"name", "source", "medium"};
    /** Fields of {@code context.page} that are read. */
    static final String[] PAGE_FIELDS = {"referrer", "url"};

    static final CallContext EMPTY = new CallContext(CompactObject.EMPTY, null, null, null, null, null);

    CallContext(CompactObject json, String[] campaign, String[] page) {
        this(json, campaign[0], campaign[1], campaign[2], page[0], page[1]);
    }

    /** Reads the fields from a context tree, such as a batch context merged with a call's. */
    static CallContext of(CompactObject json, JsonNode tree) {
        JsonNode campaign = tree.path("campaign");
        JsonNode page = tree.path("page");
        return new CallContext(json, text(campaign.path("name")), text(campaign.path("source")),
                text(campaign.path("medium")), text(page.path("referrer")), text(page.path("url")));
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }
}
