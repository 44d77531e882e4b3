package io.outdial.campaign.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import io.outdial.campaign.domain.CampaignStatus;

/** Stores a campaign status as its wire name, the text the dispatch SQL compares against. */
@Converter
public class CampaignStatusColumn implements AttributeConverter<CampaignStatus, String> {

    @Override
    public String convertToDatabaseColumn(CampaignStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public CampaignStatus convertToEntityAttribute(String column) {
        return column == null ? null : CampaignStatus.parse(column).orElseThrow();
    }
}
