package io.channelmind.content.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.content.config.BrandSettings;
import io.channelmind.content.config.ChannelSettings;
import io.channelmind.content.config.LlmSettings;
import io.channelmind.content.domain.CopySpec;

/**
 * Picks the model of a copy request: the brand's model
 * ({@code channelmind.content.brands.<brand>.model}) first, then the channel's
 * ({@code channelmind.content.channels.<channel>.model}), then the configured model. A
 * fine-tuned model is selected this way once its job has succeeded.
 */
@ApplicationScoped
public class ModelChoice {

    private final BrandSettings brands;
    private final ChannelSettings channels;
    private final LlmSettings settings;

    public ModelChoice(BrandSettings brands, ChannelSettings channels, LlmSettings settings) {
        this.brands = brands;
        this.channels = channels;
        this.settings = settings;
    }

    /** Returns the model name that the chat request for this copy names. */
    public String modelFor(CopySpec spec) {
        Optional<String> brandModel = Optional.ofNullable(spec.options().brand())
                .map(brand -> brands.brands().get(brand.name()))
                .flatMap(BrandSettings.Brand::model)
                .filter(name -> !name.isBlank());
        if (brandModel.isPresent()) {
            return brandModel.get().strip();
        }
        Optional<String> channelModel = Optional.ofNullable(channels.channels().get(spec.channel()))
                .flatMap(ChannelSettings.Channel::model)
                .filter(name -> !name.isBlank());
        return channelModel.map(String::strip).orElse(settings.modelName());
    }
}
