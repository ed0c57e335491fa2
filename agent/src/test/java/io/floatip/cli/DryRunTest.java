package io.floatip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.doctor.FakeHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `floatip run --dry-run`: the plan and the checks on made-up host facts; nothing is started. */
class DryRunTest {

    @TempDir
    Path dir;

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("floatip.yaml"), """
                global: {control_socket: %s, metrics: {listen: 127.0.0.1:9650}}
                instances:
                  VI_1: {interface: eth0, vrid: 51, priority: 150, virtual_ips: [198.51.100.50/24]}
                """.formatted(dir.resolve("control.sock")));
    }

    private record Out(int exit, List<String> out, String err) {
    }

    private Out dryRun(FakeHost host, Path config) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DryRun.run(config, null, null, host, new PrintWriter(out), new PrintWriter(err));
        return new Out(exit, out.toString().lines().toList(), err.toString());
    }

    @Test
    void aHealthyHostGetsThePlanAndExit0() throws Exception {
        Path config = config();
        Out r = dryRun(FakeHost.healthy(), config);
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(
                "dry run: nothing is changed, nothing is sent",
                "floatip " + io.floatip.base.Version.current() + " would start: config " + config + ", 1 instance(s), control socket "
                        + dir.resolve("control.sock") + ", metrics http://127.0.0.1:9650/metrics, log level info",
                config + ": OK, 1 instance(s)",
                "  VI_1: eth0 vrid 51, VRRPv3, priority 150, advert 1000 ms, VIPs [198.51.100.50/24], multicast",
                "    preempt: on, at once",
                "OK    libpcap: loads",
                "OK    capabilities: CAP_NET_ADMIN and CAP_NET_RAW are effective",
                "OK    interface eth0: up, carrier, operstate up, IPv4 198.51.100.11/24 (instances VI_1)",
                "OK    control socket: " + dir.resolve("control.sock") + ": free: it would be created",
                "plan VI_1: remove any of its VIPs a killed run left on eth0, then listen as BACKUP for VRID 51 IPv4 "
                        + "adverts on 224.0.0.18 (multicast, joined on eth0)",
                "plan VI_1: as MASTER add 198.51.100.50/24 to eth0, send 5 gratuitous ARPs per VIP and again after "
                        + "5000 ms, advertise every 1000 ms",
                "dry run: run would start"), r.out());
        assertTrue(Files.notExists(dir.resolve("control.sock")), "a dry run makes no socket");
    }

    @Test
    void aMissingInterfaceOrCapabilityIsExit1() throws Exception {
        FakeHost host = new FakeHost().file("/proc/self/status", "CapEff:\t0000000000000000\n");
        Out r = dryRun(host, config());
        assertEquals(1, r.exit());
        assertTrue(r.out().stream().anyMatch(l -> l.startsWith("FAIL  interface eth0: does not exist")), r.out().toString());
        assertTrue(r.out().stream().anyMatch(l -> l.startsWith("FAIL  capabilities:")), r.out().toString());
        assertEquals("dry run: run would not start as things are (see FAIL above)", r.out().get(r.out().size() - 1));
    }

    @Test
    void aBrokenConfigIsItsErrorsAndExit1() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "instances: {VI_1: {interface: eth0, vrid: 300}}\n");
        Out r = dryRun(FakeHost.healthy(), bad);
        assertEquals(1, r.exit());
        assertEquals(List.of(), r.out());
        assertTrue(r.err().contains("instances.VI_1.vrid: must be between 1 and 255, got 300"), r.err());
    }

    @Test
    void picocliKnowsTheOption() {
        CommandLine run = new CommandLine(new Main()).getSubcommands().get("run");
        assertTrue(run.getCommandSpec().findOption("--dry-run") != null);
        assertEquals(null, RunArgs.parse(new String[]{"run", "--dry-run"}, 1), "the plain path leaves it to picocli");
    }
}
