package io.channelmind.profile.domain;

/** The fact that a profile is a member of a segment. */
public record Membership(String segment, String profileKey) {
}
