package io.outdial.contract.events;

/**
 * Every record of the system belongs to one campaign. Its Kafka key is the campaign id, so one
 * campaign's traffic is ordered on one partition, except where {@link #partitionKey()} says otherwise.
 */
public interface CampaignEvent {
    String campaignId();

    /** The record's Kafka key (and CloudEvents subject). */
    default String partitionKey() {
        return campaignId();
    }
}
