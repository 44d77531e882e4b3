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

    /**
     * The caller ID of each call, in order: a retry keeps the number its contact was first called
     * from ({@code kept} non-null), a new call takes the next number in rotation from {@code cursor}.
     */
    public static List<String> callerIds(List<String> kept, List<String> numbers, int cursor) {
        int fresh = (int) kept.stream().filter(java.util.Objects::isNull).count();
        List<String> rotation = rotate(numbers, cursor, fresh);
        List<String> out = new ArrayList<>(kept.size());
        int next = 0;
        for (String number : kept) {
            out.add(number != null ? number : rotation.get(next++));
        }
        return out;
    }
}
