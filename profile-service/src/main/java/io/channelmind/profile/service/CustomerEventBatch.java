package io.channelmind.profile.service;

import java.util.List;
import java.util.Map;

import io.channelmind.profile.domain.CustomerEvent;

/**
 * One polled batch of {@code cm.customer-events}: how many records it had (malformed and
 * unknown ones included), how many events it had per import, and the events that can be
 * applied, in offset order.
 */
public record CustomerEventBatch(long records, Map<String, Long> perImport, List<CustomerEvent> events) {
}
