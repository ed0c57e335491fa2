package io.floatip.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.HostTests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** examples/systemd/floatip.service says what the README promises, and systemd itself can read it. */
class UnitFileTest {
    static final Path SERVICE = Path.of("..", "examples", "systemd", "floatip.service").toAbsolutePath().normalize();
    static final Set<String> CAPS = Set.of("CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_SYS_NICE");

    static UnitFile unit;

    @BeforeAll
    static void read() throws IOException {
        unit = UnitFile.read(SERVICE);
    }

    @Test
    void theServiceIsTypeNotifyWithReloadWatchdogAndRestart() {
        assertEquals(List.of("Unit", "Service", "Install"), unit.sectionNames());
        assertOne("Type", "notify");
        assertOne("ExecStart", "/usr/bin/floatip run -c /etc/floatip/floatip.yaml");
        // Waits for the agent's answer and fails on an invalid file; SIGHUP alone did neither.
        assertOne("ExecReload", "/usr/bin/floatip reload -c /etc/floatip/floatip.yaml");
        // The same config as ExecStart: the release takes exactly its VIPs away.
        assertOne("ExecStopPost", "/usr/bin/floatip release -c /etc/floatip/floatip.yaml");
        assertOne("WatchdogSec", "1s");
        assertOne("Restart", "on-failure");
        assertOne("TimeoutStopSec", "10s");
        assertEquals(List.of("multi-user.target"), unit.values("Install", "WantedBy"));
    }

    @Test
    void itRunsAsTheFloatipUserWithOnlyTheNetworkAndRealtimeCapabilities() {
        assertOne("User", "floatip");
        assertEquals(CAPS, words("AmbientCapabilities"));
        // An ambient capability outside the bounding set would silently be lost.
        assertEquals(CAPS, words("CapabilityBoundingSet"));
        assertOne("RuntimeDirectory", "floatip");
        // global.state_dir's default, /var/lib/floatip: writable by floatip under ProtectSystem=strict.
        assertOne("StateDirectory", "floatip");
    }

    @Test
    void itIsHardenedAndKeepsWhatTheJvmNeeds() {
        assertOne("ProtectSystem", "strict");
        assertOne("ProtectHome", "true");
        assertOne("PrivateTmp", "true");
        assertOne("ProtectKernelTunables", "true");
        assertOne("ProtectControlGroups", "true");
        assertOne("LockPersonality", "true");
        assertOne("NoNewPrivileges", "true");
        assertEquals(Set.of("AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK", "AF_PACKET"),
                words("RestrictAddressFamilies"));
        assertEquals(List.of(), unit.values("Service", "MemoryDenyWriteExecute"), "the JIT needs W+X memory");
        for (String key : List.of("PrivateDevices", "ProtectKernelModules", "ProtectKernelLogs", "ProtectClock",
                "ProtectHostname", "RestrictNamespaces", "RestrictSUIDSGID", "RemoveIPC")) {
            assertOne(key, "true");
        }
        assertOne("UMask", "0077");
        assertOne("SystemCallArchitectures", "native");
        assertOne("SystemCallFilter", "@system-service");
        assertOne("SystemCallErrorNumber", "EPERM");
        assertEquals(List.of(), unit.values("Service", "RestrictRealtime"), "global.realtime_priority needs SCHED_RR");
        assertEquals(List.of(), unit.values("Service", "ProtectProc"), "the check scripts look for others' processes");
        assertEquals(List.of(), unit.values("Service", "PrivateUsers"), "capabilities must act on the host");
    }

    @Test
    void noKeyIsGivenTwice() {
        for (String section : unit.sectionNames()) {
            Set<String> seen = new HashSet<>();
            for (UnitFile.Entry e : unit.entries(section)) {
                assertTrue(seen.add(e.key()), section + "." + e.key() + " again on line " + e.line());
            }
        }
    }

    /**
     * systemd's own parser: unknown keys, bad values and bad sections are what it reports. It needs no running
     * systemd. The one complaint allowed is that /usr/bin/floatip is not installed on the machine running tests.
     */
    @Test
    void systemdAnalyzeVerifyFindsNothingWrong() throws Exception {
        // Not skipped under CI: scripts/deps.sh installs systemd for the tests (verify needs no systemd as PID 1).
        Path analyze = HostTests.requireTool("systemd-analyze", "systemd");
        Process p = new ProcessBuilder(analyze.toString(), "verify", "--man=no", SERVICE.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify finished");
        List<String> complaints = new ArrayList<>(Arrays.asList(output.strip().split("\n")));
        complaints.removeIf(String::isBlank);
        if (!Files.isExecutable(Path.of("/usr/bin/floatip"))) {
            // Once for each of ExecStart=, ExecReload= and ExecStopPost=.
            complaints.removeIf("floatip.service: Command /usr/bin/floatip is not executable: No such file or directory"::equals);
        }
        assertEquals(List.of(), complaints, "systemd-analyze verify " + SERVICE + ":\n" + output);
        if (complaints.isEmpty() && Files.isExecutable(Path.of("/usr/bin/floatip"))) {
            assertEquals(0, p.exitValue(), output);
        }
    }

    private static void assertOne(String key, String value) {
        assertEquals(List.of(value), unit.values("Service", key), "[Service] " + key);
    }

    private static Set<String> words(String key) {
        List<String> values = unit.values("Service", key);
        assertEquals(1, values.size(), "[Service] " + key + " once: " + values);
        return new TreeSet<>(Arrays.asList(values.get(0).split("\\s+")));
    }
}
