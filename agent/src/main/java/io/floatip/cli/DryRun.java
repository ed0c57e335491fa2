package io.floatip.cli;

import io.floatip.config.Config;
import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.control.ControlServer;
import io.floatip.doctor.Doctor;
import io.floatip.doctor.HostFacts;
import io.floatip.doctor.Result;
import io.floatip.doctor.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `floatip run --dry-run`: what `run` would do with this config on this host, and whether it could. Loads
 * the config as run does, reads libpcap, the capabilities, each interface and the control socket, and prints
 * the plan. It joins no group, sends nothing, adds no address and makes no socket.
 */
final class DryRun {

    private DryRun() {
    }

    /** 0 when run could start as things are, 1 when not (each reason printed). */
    static int run(Path file, Path socketOption, String levelOption, HostFacts host, PrintWriter out, PrintWriter err) {
        Config c;
        try {
            c = ConfigLoader.load(file);
        } catch (ConfigException e) {
            e.errors().forEach(err::println);
            return 1;
        }
        Path socket = socketOption != null ? socketOption : c.global().controlSocket();
        out.println("dry run: nothing is changed, nothing is sent");
        String level = levelOption != null ? levelOption : c.global().logLevel();
        out.println("floatip " + io.floatip.base.Version.current() + " would start: " + RunCommand.settings(c, socket, level));
        ConfigSummary.lines(file, c).forEach(out::println);
        List<Result> checks = new ArrayList<>(Doctor.preflight(host, c));
        checks.add(socket(socket));
        checks.forEach(r -> out.println(r.line()));
        plan(c).forEach(out::println);
        boolean failed = checks.stream().anyMatch(r -> r.status() == Status.FAIL);
        out.println(failed ? "dry run: run would not start as things are (see FAIL above)"
                : "dry run: run would start");
        out.flush();
        return failed ? 1 : 0;
    }

    private static Result socket(Path socket) {
        try {
            return Result.ok("control socket", socket + ": " + ControlServer.precheck(socket));
        } catch (IOException e) {
            return Result.fail("control socket", e.getMessage(), "stop the other agent, or give this one "
                    + "another global.control_socket");
        }
    }

    /** Pure: each instance's first steps, and what it would do as master. */
    static List<String> plan(Config c) {
        List<String> out = new ArrayList<>();
        for (InstanceConfig i : c.instances().values()) {
            String family = i.ipv6() ? "IPv6" : "IPv4";
            String listen = i.unicast() ? "from " + i.unicastPeers() + " (unicast)"
                    : "on " + (i.ipv6() ? "ff02::12" : "224.0.0.18") + " (multicast, joined on " + i.interfaceName() + ")";
            out.add("plan " + i.name() + ": remove any of its VIPs a killed run left on " + i.interfaceName()
                    + ", then " + (i.priority() == InstanceConfig.MAX_PRIORITY ? "become MASTER at once (owner)"
                    : "listen as BACKUP for VRID " + i.vrid() + " " + family + " adverts " + listen));
            if (i.heldIps().isEmpty()) {
                out.add("plan " + i.name() + ": as MASTER hold no address (run the notify scripts only), advertise "
                        + "every " + i.advertIntervalCentis() * 10 + " ms with an address count of 0");
                continue;
            }
            String announce = i.heldIps().stream().anyMatch(v -> v.address() instanceof Inet6Address)
                    ? "neighbour advertisements" : "gratuitous ARPs";
            // A VIP on another interface says so itself ("203.0.113.50/24 dev eth1").
            out.add("plan " + i.name() + ": as MASTER add " + vips(i.heldIps()) + " to " + i.interfaceName()
                    + ", send " + i.garp().repeat() + " " + announce + " per VIP"
                    + (i.garp().delayMillis() > 0 ? " and again after " + i.garp().delayMillis() + " ms" : "")
                    + ", advertise every " + i.advertIntervalCentis() * 10 + " ms");
        }
        return out;
    }

    private static String vips(List<VirtualIp> vips) {
        return String.join(", ", vips.stream().map(VirtualIp::toString).toList());
    }
}
