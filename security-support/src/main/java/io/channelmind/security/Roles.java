package io.channelmind.security;

import java.util.List;

/**
 * The role names that bearer tokens carry in their {@code groups} claim and that
 * {@code @RolesAllowed} on every REST method names. The four user roles widen in this order:
 * viewer, analyst, campaign-manager, admin. {@link #SERVICE} is only for calls between
 * ChannelMind services and is allowed only where a service calls another.
 */
public final class Roles {

    /** Everything, including sources and write keys, mappings, erasure and model settings. */
    public static final String ADMIN = "admin";
    /** Copy, campaigns, journeys, consent changes and budgets, on top of what an analyst may do. */
    public static final String CAMPAIGN_MANAGER = "campaign-manager";
    /** Profiles and segments, plans, imports and data exports, on top of what a viewer may do. */
    public static final String ANALYST = "analyst";
    /** Reports and statistics only. */
    public static final String VIEWER = "viewer";
    /** Another ChannelMind service; its token's subject names the calling service. */
    public static final String SERVICE = "service";

    /** Every role, users first from the widest to the narrowest, then {@link #SERVICE}. */
    public static final List<String> ALL = List.of(ADMIN, CAMPAIGN_MANAGER, ANALYST, VIEWER, SERVICE);

    private Roles() {
    }
}
