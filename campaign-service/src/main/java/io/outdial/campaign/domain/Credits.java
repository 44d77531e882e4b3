package io.outdial.campaign.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Credit accounting of the dispatch loop: a campaign may have at most {@code maxConcurrentCalls}
 * contacts in flight (queued or calling), and a run with a budget starts at most that many calls.
 */
public final class Credits {

    private Credits() {
    }

    /** How many dial commands may be released now. */
    public static int available(int maxConcurrentCalls, long inFlight, Integer runCallsLeft) {
        long credit = Math.max(0, maxConcurrentCalls - inFlight);
        if (runCallsLeft != null) {
            credit = Math.min(credit, Math.max(0, runCallsLeft));
        }
        return (int) credit;
    }

    /**
     * Caller IDs for {@code count} new calls, rotating over {@code numbers} from {@code cursor}.
     * Retries keep the number their contact was first called from; callers pass only new ones.
     */
    public static List<String> rotate(List<String> numbers, int cursor, int count) {
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("a campaign needs at least one caller ID to dial");
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(numbers.get(Math.floorMod(cursor + i, numbers.size())));
        }
        return out;
    }
}
