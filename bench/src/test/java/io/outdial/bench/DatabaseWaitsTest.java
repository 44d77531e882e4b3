package io.outdial.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DatabaseWaitsTest {

    private static final String LOCKED_CLAIM = DatabaseWaits.LOCK + "|campaign|SELECT c.id FROM campaigns c FOR UPDATE";
    private static final String LOCKED_SNAPSHOT = DatabaseWaits.LOCK + "|campaign|UPDATE campaigns SET contacts_called = $2";
    private static final String IDLE_AFTER_COUNT = DatabaseWaits.IDLE + "|campaign|SELECT count(*) FROM campaign_contacts";
    private static final String RUNNING_INSERT = DatabaseWaits.RUNNING + "|call_result|INSERT INTO calls";

    @Test
    void aWindowAveragesTheConnectionsOfItsSamplesAndRanksTheStatementsThatWaited() throws Exception {
        try (DatabaseWaits waits = new DatabaseWaits(null, false)) {
            waits.add(100, Map.of(LOCKED_CLAIM, 3, IDLE_AFTER_COUNT, 1));
            waits.add(100, Map.of(LOCKED_CLAIM, 2, LOCKED_SNAPSHOT, 1, RUNNING_INSERT, 2));
            waits.add(101, Map.of(LOCKED_SNAPSHOT, 2, IDLE_AFTER_COUNT, 1));
            waits.add(105, Map.of(RUNNING_INSERT, 40)); // outside the window

            DatabaseWaits.Summary s = waits.summary(Instant.ofEpochSecond(100), Instant.ofEpochSecond(101));

            assertEquals(3, s.samples());
            assertEquals(Map.of(DatabaseWaits.RUNNING, 0.7, DatabaseWaits.LOCK, 2.7, DatabaseWaits.IDLE, 0.7), s.meanConnections());
            assertEquals(List.of("campaign: SELECT c.id FROM campaigns c FOR UPDATE", "campaign: UPDATE campaigns SET contacts_called = $2"),
                    List.copyOf(s.lockWaits().keySet()), "most frequent first");
            assertEquals(0.625, s.lockWaits().get("campaign: SELECT c.id FROM campaigns c FOR UPDATE"));
            assertEquals("63 % campaign: SELECT c.id FROM campaigns c FOR UPDATE; 38 % campaign: UPDATE campaigns SET contacts_called = $2",
                    DatabaseWaits.Summary.top(s.lockWaits(), 2));
            assertEquals(Map.of("campaign: SELECT count(*) FROM campaign_contacts", 1.0), s.idleAfter());
            assertEquals("0.7 / 2.7 / 0.7", s.states());
        }
    }

    @Test
    void aStatementIsShownOnOneLineAndCut() {
        assertEquals("SELECT a FROM t WHERE x = $1", DatabaseWaits.statement("SELECT a\n   FROM t\n WHERE x = $1\n"));
        assertEquals("x".repeat(60) + "…", DatabaseWaits.statement("x".repeat(80)));
        assertEquals("", DatabaseWaits.statement(null));
    }
}
