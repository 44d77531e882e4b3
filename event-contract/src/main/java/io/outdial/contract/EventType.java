package io.outdial.contract;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.outdial.contract.events.CallAnswered;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallRinging;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.CampaignEvent;
import io.outdial.contract.events.CampaignProgress;
import io.outdial.contract.events.CampaignStatusChanged;
import io.outdial.contract.events.ContactSettled;
import io.outdial.contract.events.DialContact;

/** Each message type: its CloudEvents {@code type}, its topic and its Java record. */
public enum EventType {
    DIAL_CONTACT("io.outdial.campaign.dial-contact.v1", Topics.DIAL_COMMANDS, DialContact.class),
    CAMPAIGN_STATUS_CHANGED("io.outdial.campaign.status-changed.v1", Topics.CAMPAIGN_LIFECYCLE, CampaignStatusChanged.class),
    CALL_INITIATED("io.outdial.dialer.call-initiated.v1", Topics.CALL_EVENTS, CallInitiated.class),
    CALL_RINGING("io.outdial.dialer.call-ringing.v1", Topics.CALL_EVENTS, CallRinging.class),
    CALL_ANSWERED("io.outdial.dialer.call-answered.v1", Topics.CALL_EVENTS, CallAnswered.class),
    CALL_ENDED("io.outdial.dialer.call-ended.v1", Topics.CALL_EVENTS, CallEnded.class),
    CALL_SKIPPED("io.outdial.dialer.call-skipped.v1", Topics.CALL_EVENTS, CallSkipped.class),
    CONTACT_SETTLED("io.outdial.call-result.contact-settled.v1", Topics.CONTACT_OUTCOMES, ContactSettled.class),
    CAMPAIGN_PROGRESS("io.outdial.call-result.campaign-progress.v1", Topics.CAMPAIGN_PROGRESS, CampaignProgress.class);

    private static final Map<String, EventType> BY_CE_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

    private final String ceType;
    private final String topic;
    private final Class<? extends CampaignEvent> recordClass;

    EventType(String ceType, String topic, Class<? extends CampaignEvent> recordClass) {
        this.ceType = ceType;
        this.topic = topic;
        this.recordClass = recordClass;
    }

    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends CampaignEvent> recordClass() {
        return recordClass;
    }

    /** The schema's file name under {@code /schemas} on the classpath. */
    public String schemaResource() {
        return "/schemas/" + recordClass.getSimpleName() + ".v1.json";
    }

    public static EventType ofCeType(String ceType) {
        EventType type = BY_CE_TYPE.get(ceType);
        if (type == null) {
            throw new UnknownEventTypeException(ceType);
        }
        return type;
    }

    public static EventType of(CampaignEvent event) {
        return BY_CLASS.get(event.getClass());
    }

    /** A record whose {@code ce_type} this contract does not know. */
    public static final class UnknownEventTypeException extends IllegalArgumentException {
        public UnknownEventTypeException(String ceType) {
            super("unknown event type: " + ceType);
        }
    }
}
