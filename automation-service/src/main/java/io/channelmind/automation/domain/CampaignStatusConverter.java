package io.channelmind.automation.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link CampaignStatus} as its lower-case wire name, which the table's check constraint lists. */
@Converter
public class CampaignStatusConverter implements AttributeConverter<CampaignStatus, String> {

    @Override
    public String convertToDatabaseColumn(CampaignStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public CampaignStatus convertToEntityAttribute(String value) {
        return value == null ? null : CampaignStatus.fromWireName(value);
    }
}
