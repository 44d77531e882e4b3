package io.outdial.campaign.domain;

import java.util.List;

import io.outdial.contract.events.CallOutcome;

/**
 * config_error outcomes in a row: the trunk refuses the dialer's credentials or the call itself,
 * and dialing on only burns attempts. {@link CampaignLimits#CONFIG_ERROR_STREAK_PAUSE} in a row
 * pause the campaign until a person resumes it.
 */
public final class ConfigErrorStreak {

    private ConfigErrorStreak() {
    }

    /**
     * What a batch of settled attempts (in order) does to the streak: {@code reset} when any of them
     * was not a config_error (the streak then restarts from {@code add}), else the streak grows by {@code add}.
     */
    public record Change(boolean reset, int add) {

        public boolean changesNothing() {
            return !reset && add == 0;
        }

        public int applyTo(int streak) {
            return reset ? add : streak + add;
        }
    }

    public static Change of(List<CallOutcome> attempts) {
        boolean reset = false;
        int trailing = 0;
        for (CallOutcome outcome : attempts) {
            if (!outcome.isAttempt()) {
                continue;
            }
            if (outcome == CallOutcome.CONFIG_ERROR) {
                trailing++;
            } else {
                reset = true;
                trailing = 0;
            }
        }
        return new Change(reset, trailing);
    }

    public static boolean pauses(int streak) {
        return streak >= CampaignLimits.CONFIG_ERROR_STREAK_PAUSE;
    }
}
