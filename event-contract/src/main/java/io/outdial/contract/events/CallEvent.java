package io.outdial.contract.events;

/** An event of one call's lifecycle, on {@code dialer.call-events.v1}. */
public sealed interface CallEvent extends CampaignEvent
        permits CallInitiated, CallRinging, CallAnswered, CallEnded, CallSkipped {
    String callId();
}
