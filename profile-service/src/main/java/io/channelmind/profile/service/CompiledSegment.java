package io.channelmind.profile.service;

import java.time.Instant;

import io.channelmind.profile.rule.Rule;

/** A segment name with its parsed rule and the time to evaluate it at (null for the default). */
public record CompiledSegment(String name, Rule rule, Instant asOf) {
}
