package io.channelmind.profile.rule;

import java.time.Duration;
import java.util.List;

/**
 * Events of one kind in the {@code length} before the time of evaluation, as written in
 * {@code count(purchase, 90d)}. Kinds: {@code purchase} (a conversion with a value of 0 or more,
 * or without a value), {@code return} (a conversion with a negative value),
 * {@code cancellation} and {@code contact}.
 */
public record Window(String kind, Duration length) {

    public static final List<String> KINDS = List.of("purchase", "return", "cancellation", "contact");
}
