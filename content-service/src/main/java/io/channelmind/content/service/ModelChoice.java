package io.channelmind.content.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.content.config.BrandSettings;
import io.channelmind.content.config.ChannelSettings;
import io.channelmind.content.config.LlmSettings;
import io.channelmind.content.domain.CopySpec;

/**
 * Picks the model of a copy request, the first that is set of: the model chosen over REST for
 * the brand on this channel, for the brand, the brand's configured model
 * ({@code channelmind.content.brands.<brand>.model}), the model chosen over REST for the
 * channel, the channel's configured model ({@code channelmind.content.channels.<channel>.model}),
 * and the configured chat model. A fine-tuned model is selected this way once its job has
 * succeeded. The REST choices are those last read by {@link ModelChoiceStore}.
 */
@ApplicationScoped
public class ModelChoice {

    private final BrandSettings brands;
    private final ChannelSettings channels;
    private final LlmSettings settings;
    private final ModelChoiceStore stored;

    public ModelChoice(BrandSettings brands, ChannelSettings channels, LlmSettings settings, ModelChoiceStore stored) {
        this.stored = stored;
        this.brands = brands;
        this.channels = channels;
        this.settings = settings;
    }

    /** Returns the model name that the chat request for this copy names. */
    public String modelFor(CopySpec spec) {
        String brand = spec.options().brand() == null ? null : spec.options().brand().name();
        if (brand != null) {
            Optional<String> brandModel = stored.find(brand, spec.channel())
                    .or(() -> stored.find(brand, null))
                    .or(() -> Optional.ofNullable(brands.brands().get(brand))
                            .flatMap(BrandSettings.Brand::model)
                            .filter(name -> !name.isBlank()));
            if (brandModel.isPresent()) {
                return brandModel.get().strip();
            }
        }
        Optional<String> channelModel = stored.find(null, spec.channel())
                .or(() -> Optional.ofNullable(channels.channels().get(spec.channel()))
                        .flatMap(ChannelSettings.Channel::model)
                        .filter(name -> !name.isBlank()));
        return channelModel.map(String::strip).orElse(settings.modelName());
    }
}
