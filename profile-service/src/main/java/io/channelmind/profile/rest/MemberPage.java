package io.channelmind.profile.rest;

import java.util.List;

import io.channelmind.profile.domain.SegmentMember;

/** One page of a segment's members in key order; {@code next} is null on the last page. */
public record MemberPage(String segment, List<SegmentMember> members, String next) {
}
