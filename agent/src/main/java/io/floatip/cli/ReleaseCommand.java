package io.floatip.cli;

import io.floatip.config.Config;
import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import io.floatip.control.ControlServer;
import io.floatip.net.Errno;
import io.floatip.net.InterfaceAddress;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.release.ReleasePlan;
import io.floatip.systemd.AgentExit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * After an agent died without handing over, removes its config's VIPs from this node (the unit's
 * ExecStopPost=). Refuses while an agent answers on the config's control socket; does nothing after a clean
 * stop (which released everything already).
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Remove the config's VIPs from this node's interfaces after the agent died without "
                + "handing over (killed, the OOM killer, the watchdog). Only addresses that are the config's "
                + "VIPs, with their prefix length, on their instance's interface are removed.",
                "Run by the systemd unit as ExecStopPost=: it does nothing after a clean stop ($SERVICE_RESULT, "
                        + "$EXIT_CODE, $EXIT_STATUS), and refuses while an agent answers on the control socket."})
final class ReleaseCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = Main.DEFAULT_CONFIG,
            description = "The config the agent ran with (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "The agent's control socket (default: the config's global.control_socket).")
    Path socket;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AgentExit exit = AgentExit.fromEnvironment(System.getenv());
        if (exit.cleanStop()) {
            out.println("floatip release: nothing to do, the agent stopped cleanly and released its addresses ("
                    + exit.describe() + ")");
            return 0;
        }
        Config c;
        try {
            c = ConfigLoader.loadWithoutHostChecks(config);
        } catch (ConfigException e) {
            err.println("floatip release: cannot read the VIPs from " + config + ":");
            e.errors().forEach(err::println);
            return 1;
        }
        Path control = socket != null ? socket : c.global().controlSocket();
        try {
            if (Files.exists(control) && ControlServer.answers(control)) {
                err.println("floatip release: an agent is running (it answers on " + control + ") and holds "
                        + "these addresses; stop it instead (systemctl stop floatip)");
                return 1;
            }
        } catch (IOException e) {
            err.println("floatip release: " + e.getMessage() + "; not touching the addresses");
            return 1;
        }
        try (Netlink netlink = new Netlink()) {
            return release(netlink, c, exit, out, err);
        } catch (NetlinkException e) {
            err.println("floatip release: cannot open netlink: " + e.getMessage());
            return 1;
        }
    }

    private static int release(Netlink netlink, Config c, AgentExit exit, PrintWriter out, PrintWriter err) {
        Map<String, Integer> indexes = new LinkedHashMap<>();
        Map<String, List<InterfaceAddress>> present = new LinkedHashMap<>();
        int failures = 0;
        for (var ic : c.instances().values()) {
            String name = ic.interfaceName();
            if (indexes.containsKey(name)) {
                continue;
            }
            try {
                int index = netlink.ifIndex(name);
                indexes.put(name, index);
                present.put(name, netlink.addresses(index));
            } catch (NetlinkException e) {
                if (e.errno() != Errno.ENODEV) {
                    err.println("floatip release: cannot list the addresses of " + name + ": " + e.getMessage());
                    failures++;
                }
            }
        }
        ReleasePlan plan = ReleasePlan.of(c, present);
        plan.notes().forEach(note -> out.println("floatip release: " + note));
        for (ReleasePlan.Removal r : plan.removals()) {
            try {
                if (netlink.deleteAddress(indexes.get(r.interfaceName()), r.vip().address(), r.vip().prefixLength())) {
                    out.println("floatip release: " + r.instance() + ": removed " + r.vip() + " from "
                            + r.interfaceName() + " (the agent ended: " + exit.describe() + ")");
                }
            } catch (NetlinkException e) {
                err.println("floatip release: " + r.instance() + ": cannot remove " + r.vip() + " from "
                        + r.interfaceName() + ": " + e.getMessage());
                failures++;
            }
        }
        if (plan.removals().isEmpty() && failures == 0) {
            out.println("floatip release: no VIP of this config is on this node");
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }
}
