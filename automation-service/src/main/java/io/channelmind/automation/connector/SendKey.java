package io.channelmind.automation.connector;

import java.util.Objects;

/**
 * Identity of one send: the campaign or journey, the step and the recipient. Its
 * {@link #value()} is the idempotency key stored in the send ledgers and passed to providers
 * that de-duplicate on their side (the generic webhook's {@code X-ChannelMind-Idempotency-Key}).
 *
 * @param flow      campaign or journey id
 * @param step      step id; a journey adds the entry number (see {@link #journeyStep}), so a
 *                  profile that re-enters a journey gets the step again
 * @param recipient profile key
 */
public record SendKey(String flow, String step, String recipient) {

    public SendKey {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(recipient, "recipient");
        if (flow.contains("/") || step.contains("/")) {
            throw new IllegalArgumentException("flow and step must not contain '/': " + flow + ", " + step);
        }
    }

    /** Returns the step part for a journey step reached in the given entry (1 for the first entry). */
    public static String journeyStep(String stepId, int entry) {
        return stepId + "#" + entry;
    }

    /**
     * Returns {@code <flow>/<step>/<recipient>}. The recipient comes last and the other two
     * contain no '/', so the key stays unambiguous whatever characters a profile key contains.
     */
    public String value() {
        return flow + "/" + step + "/" + recipient;
    }

    @Override
    public String toString() {
        return value();
    }
}
