package io.channelmind.profile.service;

import io.channelmind.profile.rule.Rule;

/** A segment name with its parsed rule. */
public record CompiledSegment(String name, Rule rule) {
}
