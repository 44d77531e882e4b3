package io.outdial.campaign.domain.eligibility;

import java.time.Instant;
import java.util.Objects;

/** The answer of {@link Eligibility#decide}: call now, wait, or never call. */
public sealed interface EligibilityDecision {

    /** The contact may be called now. */
    record Eligible() implements EligibilityDecision {
    }

    /**
     * The contact may not be called now. {@code nextEligibleAt} is the earliest instant after now
     * at which it may, or null when there is none within {@link Eligibility#SEARCH_HORIZON} (or
     * none that time alone brings, as for {@link WaitReason#TIMEZONE_UNKNOWN}).
     */
    record NotYet(Instant nextEligibleAt, WaitReason reason) implements EligibilityDecision {
        public NotYet {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The contact is never called in this campaign. */
    record Never(SkipReason reason) implements EligibilityDecision {
        public Never {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
