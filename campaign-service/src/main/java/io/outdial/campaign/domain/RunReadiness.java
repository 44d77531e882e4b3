package io.outdial.campaign.domain;

import java.util.Optional;

/**
 * Whether a run can dial anyone at all. A campaign without caller IDs or without contacts would
 * sit in running forever with nothing to do: its run is refused, with the reason, and it keeps its
 * status.
 */
public final class RunReadiness {

    private RunReadiness() {
    }

    /** What is missing, as the field to fix and why; empty when the run may start. */
    public record Missing(String field, String reason) {
    }

    public static Optional<Missing> check(int callerIds, long totalContacts) {
        if (callerIds == 0) {
            return Optional.of(new Missing("fromNumberIds", "the campaign has no caller ID numbers: add some before running it"));
        }
        if (totalContacts == 0) {
            return Optional.of(new Missing("contacts", "the campaign has no contacts: add some before running it"));
        }
        return Optional.empty();
    }
}
