package io.outdial.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every Kafka topic of the system. Producers own their topics; this is the one place their
 * names and settings are written down, so services, tests and manifests cannot drift apart.
 */
public final class Topics {

    public static final String DIAL_COMMANDS = "campaign.dial-commands.v1";
    public static final String CAMPAIGN_LIFECYCLE = "campaign.lifecycle.v1";
    public static final String CALL_EVENTS = "dialer.call-events.v1";
    public static final String CONTACT_OUTCOMES = "call-result.contact-outcomes.v1";
    public static final String CAMPAIGN_PROGRESS = "call-result.campaign-progress.v1";

    /** Suffix of the dead-letter topic a consumer sends records it cannot parse to. */
    public static final String DLQ_SUFFIX = ".dlq";

    private static final Duration WEEK = Duration.ofDays(7);

    /** The topics carrying traffic, with their retention; dead-letter topics are derived. */
    public static final List<TopicSpec> MAIN = List.of(
            TopicSpec.deleting(DIAL_COMMANDS, WEEK),
            TopicSpec.deleting(CAMPAIGN_LIFECYCLE, WEEK),
            TopicSpec.deleting(CALL_EVENTS, WEEK),
            TopicSpec.deleting(CONTACT_OUTCOMES, WEEK),
            // Latest snapshot per campaign is all a reader needs: compact by key.
            TopicSpec.compacted(CAMPAIGN_PROGRESS));

    private Topics() {
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Main topics followed by one dead-letter topic for each, with a longer retention. */
    public static List<TopicSpec> all() {
        List<TopicSpec> all = new ArrayList<>(MAIN);
        for (TopicSpec spec : MAIN) {
            all.add(TopicSpec.deleting(dlq(spec.name()), Duration.ofDays(30)));
        }
        return List.copyOf(all);
    }

    /** A topic's name and the broker settings it is created with. */
    public record TopicSpec(String name, Map<String, String> config) {

        static TopicSpec deleting(String name, Duration retention) {
            return new TopicSpec(name, Map.of(
                    "cleanup.policy", "delete",
                    "retention.ms", Long.toString(retention.toMillis())));
        }

        static TopicSpec compacted(String name) {
            return new TopicSpec(name, Map.of("cleanup.policy", "compact"));
        }
    }
}
