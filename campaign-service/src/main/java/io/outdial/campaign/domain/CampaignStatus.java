package io.outdial.campaign.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A campaign's lifecycle: {@code draft → running | scheduled}, {@code scheduled → running},
 * {@code running ⇄ paused}, {@code running → completed} (all contacts terminal),
 * {@code completed → running} (new contacts), and every non-final state {@code → cancelled}.
 */
public enum CampaignStatus {
    DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CampaignStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    public Set<CampaignStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(RUNNING, SCHEDULED, CANCELLED);
            case SCHEDULED -> EnumSet.of(RUNNING, DRAFT, CANCELLED);
            case RUNNING -> EnumSet.of(PAUSED, COMPLETED, CANCELLED);
            case PAUSED -> EnumSet.of(RUNNING, CANCELLED);
            case COMPLETED -> EnumSet.of(RUNNING);
            case CANCELLED -> EnumSet.noneOf(CampaignStatus.class);
        };
    }

    public boolean canBecome(CampaignStatus target) {
        return next().contains(target);
    }

    /** Statuses from which a campaign may be soft-deleted. */
    public boolean isDeletable() {
        return this == DRAFT || this == COMPLETED || this == CANCELLED;
    }

    /**
     * Whether a configuration field may change now: everything in draft, scheduled and paused; in
     * running only the concurrency cap, the window, the retry rules and the compliance settings (they
     * apply to the next dial).
     */
    public boolean allowsChangeOf(CampaignField field) {
        return switch (this) {
            case DRAFT, SCHEDULED, PAUSED -> true;
            case RUNNING -> field.changeableWhileRunning();
            case COMPLETED, CANCELLED -> false;
        };
    }
}
