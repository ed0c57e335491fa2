package io.floatip.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lab's pieces that need no root: names, addressing, polling, the root check, command runner. */
class SmallPartsTest {

    @Test
    void prefixesAreUniqueCarryThePidAndAreSanitised() {
        String a = Names.newPrefix("Fail Over!");
        String b = Names.newPrefix("failover");
        assertNotEquals(a, b);
        assertTrue(a.startsWith("fip" + ProcessHandle.current().pid()), a);
        assertTrue(a.endsWith("-failover"), a);
        assertTrue(Names.isValidNamespace(a + "-n88"));
        assertFalse(Names.isValidNamespace("../etc"));
        assertFalse(Names.isValidNamespace(""));
        assertEquals("a", Names.letters(0));
        assertEquals("z", Names.letters(25));
        assertEquals("ba", Names.letters(26));
    }

    @Test
    void anOperatorsPrefixIsShortAndPlain() {
        assertEquals(null, Names.prefixProblem("demo"));
        assertEquals(null, Names.prefixProblem("lb-test-2"));
        for (String bad : new String[]{null, "", "Demo", "1demo", "de mo", "../x", "a".repeat(25)}) {
            assertTrue(Names.prefixProblem(bad) != null, String.valueOf(bad));
        }
        assertTrue(Names.isValidNamespace("a".repeat(24) + "-sw"));
    }

    @Test
    void interfaceNamesFitIfnamsiz() {
        Names.requireInterfaceName("sw-n88");
        Names.requireInterfaceName("sw-client");
        Names.requireInterfaceName("abcdefghijklmno");
        assertThrows(IllegalArgumentException.class, () -> Names.requireInterfaceName("abcdefghijklmnop"));
        assertThrows(IllegalArgumentException.class, () -> Names.requireInterfaceName("eth0 up"));
    }

    @Test
    void addressingStaysInTestNet2() {
        assertEquals("198.51.100.11", Plan.nodeIpv4(1));
        assertEquals("02:00:00:00:00:11", Plan.nodeMac(1));
        assertEquals("198.51.100.98", Plan.nodeIpv4(Plan.MAX_NODES));
        assertEquals("02:00:00:00:00:98", Plan.nodeMac(Plan.MAX_NODES));
        assertThrows(IllegalArgumentException.class, () -> Plan.nodeIpv4(0));
        assertThrows(IllegalArgumentException.class, () -> Plan.nodeIpv4(Plan.MAX_NODES + 1));
    }

    @Test
    void awaitReturnsOnceTrueAndNamesWhatTimedOut() {
        AtomicInteger calls = new AtomicInteger();
        Lab.await(Duration.ofSeconds(2), () -> calls.incrementAndGet() >= 3, "third call");
        assertEquals(3, calls.get());

        LabTimeout timeout = assertThrows(LabTimeout.class,
                () -> Lab.await(Duration.ofMillis(30), () -> false, "the VIP on n2"));
        assertTrue(timeout.getMessage().contains("the VIP on n2"), timeout.getMessage());
    }

    @Test
    void commandsAreCapturedAndBoundedInTime() {
        ProcessResult ok = Cmd.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(5));
        assertEquals(3, ok.exitCode());
        assertTrue(ok.output().contains("out") && ok.output().contains("err"), ok.output());
        assertFalse(ok.ok());

        long start = System.nanoTime();
        ProcessResult hung = Cmd.run(List.of("sleep", "30"), Duration.ofMillis(200));
        assertTrue(hung.timedOut());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        assertThrows(LabException.class, hung::orThrow);
    }
}
