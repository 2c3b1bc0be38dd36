package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.devstack.Drill;
import dev.tessera.devstack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault drill ({@code ./tessera drill}, docs/operations.md "Fault drill") on a smaller load, on a
 * stack of its own with two replicas of every service: while the load runs, one replica of each service
 * is killed with SIGKILL and started again, then the Kafka broker (a JVM of its own) is killed with SIGKILL
 * and started again, then
 * PostgreSQL is killed and started. Afterwards nothing is lost, nothing doubled, every request is
 * terminal (PIM requests too), every durable timer that came due fired once, each assignment's and
 * schedule's events are in order, and the client saw only 2xx — or 503 with Retry-After, which it retried.
 */
class FaultDrillIT {

    static final int WORKERS = 4;

    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        LocalStack.Builder builder = LocalStack.builder().projectRoot(StackExtension.projectRoot())
                .dataDir(Files.createTempDirectory("tessera-drill")).freePorts().replicas(2)
                .kafkaProcess(true);
        // the drill is about faults: its load from one admin token must not meet the throttle (the drill
        // client would retry a 429 all the same, as a Graph SDK does)
        StackExtension.UNTHROTTLED.forEach(builder::serviceProperty);
        stack = builder.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void underEveryFaultNothingIsLostOrDoubledAndTheClientSeesOnly2xxOr503WithRetryAfter() throws Exception {
        Drill.Report report = new Drill(stack, Drill.Options.defaults().withRequests(300).withUsers(40).withWorkers(WORKERS),
                System.out).run();

        assertTrue(report.requests() >= 300, report.text());
        assertEquals(List.of(), report.lost(), report.text());
        assertEquals(List.of(), report.duplicated(), report.text());
        assertEquals(List.of(), report.notTerminal(), report.text());
        assertEquals(report.accepted(), report.terminal(), report.text());
        // PIM in the load (eligibilities, activations whose start timer fires during the drill, removals)
        // and assignments that expire during it: every PIM request terminal, each activation started once
        // and each expiring assignment ended once (its timer fired once, on one of the two replicas), and
        // each assignment's and schedule's events were written and published in their order.
        assertTrue(report.pimAccepted() > 0, report.text());
        assertEquals(report.pimAccepted(), report.pimTerminal(), report.text());
        assertTrue(report.timersFired() > 0, report.text());
        assertTrue(report.histories() > 0, report.text());
        assertEquals(List.of(), report.misordered(), report.text());
        // Only 2xx or 503 + Retry-After, and the 503s retried until they succeeded (a retried POST whose
        // first try had taken effect is refused as a duplicate: counted, never done twice). While
        // PostgreSQL is down this needs its connection failures answered 503 + Retry-After (graph-http).
        assertEquals(List.of(), report.unexpected(), report.text());
        report.statuses().keySet().forEach(status -> assertTrue(status.startsWith("2") || status.equals("503+Retry-After")
                || status.equals(Drill.RETRY_REFUSED), "answered " + status + "\n" + report.text()));
        // Killing one replica of a pair answers nothing but 2xx: the gateway sends every new request to the
        // other one, and a GET the dying replica held goes there too. Only a write the replica held at
        // the moment of the kill (at most one per worker) is a 503 + Retry-After: whether it took effect is
        // not known, so the gateway does not send it twice; the client's retry finds out.
        List<Drill.Fault> replicaKills = report.faults().stream().filter(f -> f.name().startsWith("kill -9 ")
                && f.name().contains("-service#")).toList();
        assertEquals(4, replicaKills.size(), report.text());
        for (Drill.Fault fault : replicaKills) {
            assertTrue(fault.statuses().keySet().stream().allMatch(status -> status.startsWith("2")
                    || status.equals("503+Retry-After") || status.equals(Drill.RETRY_REFUSED)),
                    fault.name() + " answered " + fault.statuses() + "\n" + report.text());
            assertTrue(fault.statuses().getOrDefault("503+Retry-After", 0) <= WORKERS,
                    fault.name() + " answered " + fault.statuses() + "\n" + report.text());
            assertTrue(fault.statuses().values().stream().mapToInt(Integer::intValue).sum() > 0,
                    "no load while " + fault.name() + "\n" + report.text());
        }
        assertEquals(Set.of("kill -9 catalog-service#2", "kill -9 request-service#2", "kill -9 provisioning-service#2",
                "kill -9 pim-service#2", "kill -9 Kafka broker", "kill -9 PostgreSQL"),
                Set.copyOf(report.faults().stream().map(Drill.Fault::name).toList()));
        // The report is on disk as well.
        try (var reports = Files.list(stack.dataDirectory().resolve("drill"))) {
            Path written = reports.findFirst().orElseThrow();
            assertTrue(Files.readString(written).contains("lost                     0"), Files.readString(written));
        }
    }
}
