package io.channelmind.web.limits;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/** Applies {@link JsonLimitsConfig} to the object mapper that Quarkus injects, which Quarkus REST reads request bodies with. */
@Singleton
public class JsonLimitsCustomizer implements ObjectMapperCustomizer {

    private final JsonLimitsConfig limits;

    public JsonLimitsCustomizer(JsonLimitsConfig limits) {
        this.limits = limits;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(constraints(limits));
    }

    static StreamReadConstraints constraints(JsonLimitsConfig limits) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxNameLength())
                .maxNumberLength(limits.maxNumberLength())
                .build();
    }
}
