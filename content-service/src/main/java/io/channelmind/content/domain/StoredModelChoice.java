package io.channelmind.content.domain;

import java.time.Instant;

/**
 * A model chosen over REST for a brand, a channel, or a brand on one channel.
 *
 * @param brand the brand, or null for every brand
 * @param channel the channel in lower case, or null for every channel
 * @param fineTuningJobId the succeeded fine-tuning job whose model this is, or null when the model was named directly
 */
public record StoredModelChoice(String brand, String channel, String model, String fineTuningJobId, Instant updatedAt) {
}
