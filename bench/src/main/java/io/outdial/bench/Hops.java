package io.outdial.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CampaignEvent;
import io.outdial.contract.events.ContactSettled;
import io.outdial.contract.events.DialContact;
import io.outdial.testsupport.EventTopics;

/**
 * Where a slot's turnaround goes, hop by hop, from each record's timestamp (set by its producer when
 * sent; every producer here runs on this machine's clock): a call's end to its settlement (call-result-service),
 * a settlement to the campaign's next dial command (campaign-service: settle, free the slot, claim
 * the next contact), and a command to its call placed (a dialer: consume, claim, dial). A slot's
 * refill time is roughly the sum of the three; dispatch latency (an ending to the campaign's next
 * call in any slot) is shorter when many slots are busy.
 */
record Hops(Bench.Percentiles endedToSettled, Bench.Percentiles settledToNextCommand, Bench.Percentiles commandToInitiated) {

    /** The hops of {@code campaigns} whose first record is stamped from {@code from} to {@code to}. */
    static Hops of(EventTopics topics, Set<String> campaigns, Instant from, Instant to) {
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        Map<String, Long> endedAt = new HashMap<>();
        Map<String, Long> initiatedAt = new HashMap<>();
        topics.forEachToEnd(Topics.CALL_EVENTS, Duration.ofMinutes(2), r -> {
            CampaignEvent e = CloudEventHeaders.read(r.headers(), r.value()).event();
            if (campaigns.contains(e.campaignId()) && e instanceof CallEnded end) {
                endedAt.putIfAbsent(end.callId(), r.timestamp());
            } else if (campaigns.contains(e.campaignId()) && e instanceof CallInitiated initiated) {
                initiatedAt.putIfAbsent(initiated.callId(), r.timestamp());
            }
        });
        // Each campaign's dial commands by time, for "the next command after a settlement".
        Map<String, TreeMap<Long, Integer>> commandsByCampaign = new HashMap<>();
        List<Double> commandToInitiated = new ArrayList<>();
        topics.forEachToEnd(Topics.DIAL_COMMANDS, Duration.ofMinutes(2), r -> {
            if (!(CloudEventHeaders.read(r.headers(), r.value()).event() instanceof DialContact command)
                    || !campaigns.contains(command.campaignId())) {
                return;
            }
            commandsByCampaign.computeIfAbsent(command.campaignId(), c -> new TreeMap<>()).merge(r.timestamp(), 1, Integer::sum);
            Long initiated = initiatedAt.get(command.callId());
            if (initiated != null && r.timestamp() >= fromMs && r.timestamp() <= toMs) {
                commandToInitiated.add((double) (initiated - r.timestamp()));
            }
        });
        List<Double> endedToSettled = new ArrayList<>();
        List<Double> settledToNextCommand = new ArrayList<>();
        topics.forEachToEnd(Topics.CONTACT_OUTCOMES, Duration.ofMinutes(2), r -> {
            if (!(CloudEventHeaders.read(r.headers(), r.value()).event() instanceof ContactSettled settled)
                    || !campaigns.contains(settled.campaignId())) {
                return;
            }
            Long ended = endedAt.get(settled.callId());
            if (ended != null && ended >= fromMs && ended <= toMs) {
                endedToSettled.add((double) (r.timestamp() - ended));
            }
            TreeMap<Long, Integer> commands = commandsByCampaign.get(settled.campaignId());
            Long next = commands == null ? null : commands.ceilingKey(r.timestamp());
            if (next != null && r.timestamp() >= fromMs && r.timestamp() <= toMs) {
                settledToNextCommand.add((double) (next - r.timestamp()));
            }
        });
        return new Hops(Bench.Percentiles.of(endedToSettled), Bench.Percentiles.of(settledToNextCommand),
                Bench.Percentiles.of(commandToInitiated));
    }

    static Hops of(EventTopics topics, Collection<String> campaigns) {
        return of(topics, Set.copyOf(campaigns), Instant.EPOCH, Instant.now());
    }

    /** "p50 / p99" of each hop, in milliseconds, for a row of the table. */
    String summary() {
        return String.format("ended→settled %s, settled→next command %s, command→placed %s",
                endedToSettled.summary(), settledToNextCommand.summary(), commandToInitiated.summary());
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("endedToSettled", endedToSettled.toMap());
        map.put("settledToNextCommand", settledToNextCommand.toMap());
        map.put("commandToInitiated", commandToInitiated.toMap());
        return map;
    }
}
