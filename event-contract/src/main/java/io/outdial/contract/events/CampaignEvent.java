package io.outdial.contract.events;

/** Every record of the system belongs to one campaign, which is also its Kafka key. */
public interface CampaignEvent {
    String campaignId();
}
