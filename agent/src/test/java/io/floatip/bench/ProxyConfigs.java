package io.floatip.bench;

import io.floatip.lab.Host;
import io.floatip.lab.KeepalivedConfig;
import io.floatip.lab.PairConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The proxy mode's configs: one instance (VRID 51, VIP 198.51.100.50/24, VRRPv3, preempt), both nodes starting
 * as BACKUP, as in the main benchmark; plus how each agent follows its node's haproxy, or a virtual MAC.
 */
final class ProxyConfigs {
    /** keepalived's check: a run stamp (FILE.ran, for {@link CheckRuns}), then the pid file's pid alive? Builtins only. */
    static final String ALIVE_SCRIPT = "#!/bin/sh\n# benchmark check: the pid in $1 is alive; $1.ran marks each run\n"
            + ": > \"$1.ran\"\nread pid < \"$1\" && kill -0 \"$pid\"\n";

    private ProxyConfigs() {
    }

    /**
     * floatip following its node's haproxy by command line: {@code weight} 0 = FAULT while it is down (a priority
     * 0 advert hands over); otherwise the priority drops by it. {@code fastPreempt} on both nodes.
     */
    static Path floatipProxy(Host node, int priority, int centis, Haproxy proxy, int weight, boolean fastPreempt,
                             Path dir) {
        String extra = (fastPreempt ? "    fast_preempt: true\n" : "")
                + "    track_processes: [{name: proxy, weight: " + weight + "}]\n"
                + "processes:\n  proxy: {command: [" + String.join(", ", proxy.argv()) + "]}\n"
                + realtime();
        return PairConfig.write(dir.resolve("floatip-" + node.name()), node.name(), 3, priority, centis, true,
                AgentKind.vip(1) + "/24", extra);
    }

    /** A plain floatip pair, or with {@code use_vmac: true} (the vmac branch's key). */
    static Path floatipPair(Host node, int priority, int centis, boolean vmac, Path dir) {
        return PairConfig.write(dir.resolve("floatip-" + node.name()), node.name(), 3, priority, centis, true,
                AgentKind.vip(1) + "/24", (vmac ? "    use_vmac: true\n" : "") + realtime());
    }

    private static String realtime() {
        int rt = Floatip.realtime();
        return rt > 0 ? "global:\n  realtime_priority: " + rt + "\n" : "";
    }

    /** keepalived's instance text, with {@code instanceLines} (indented) added inside vrrp_instance. */
    static String keepalived(int priority, int centis, String head, String instanceLines) {
        String text = KeepalivedConfig.instance("VI_1").virtualRouterId(AgentKind.vrid(1)).priority(priority)
                .advertInt(centis / 100.0).realtimePriority(Floatip.realtime())
                .state(KeepalivedConfig.State.BACKUP).virtualIp(AgentKind.vip(1) + "/24").text();
        int close = text.indexOf("}\n");
        int instance = text.indexOf("vrrp_instance ");
        int end = text.lastIndexOf('}');
        return text.substring(0, close) + "    script_user root\n    enable_script_security\n"
                + text.substring(close, instance) + head + text.substring(instance, end) + instanceLines
                + text.substring(end);
    }

    /** keepalived's best on a proxy in a namespace: a vrrp_script every 1 s (its minimum), fall 1, weight 0. */
    static String keepalivedScript(int priority, int centis, Path script, Path pidFile) {
        return keepalived(priority, centis, """
                vrrp_script chk_proxy {
                    script "%s %s"
                    interval 1
                    fall 1
                    rise 1
                    weight 0
                }

                """.formatted(script, pidFile), "    track_script {\n        chk_proxy\n    }\n");
    }

    /** keepalived's own process tracking (vrrp_track_process, the proc connector), by haproxy's name. */
    static String keepalivedTrackProcess(int priority, int centis) {
        return keepalived(priority, centis, """
                vrrp_track_process trk_proxy {
                    process haproxy
                    quorum 1
                    weight 0
                }

                """, "    track_process {\n        trk_proxy\n    }\n");
    }

    static String keepalivedPair(int priority, int centis, boolean vmac) {
        return keepalived(priority, centis, "", vmac ? "    use_vmac\n" : "");
    }

    static Path aliveScript(Path dir) {
        Path script = dir.resolve("proxy-alive.sh");
        try {
            Files.writeString(script, ALIVE_SCRIPT);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }

    /** Whether this build's floatip accepts {@code use_vmac} ({@code check-config} in the node's namespace). */
    static boolean floatipHasVmac(Host node, Path launcher, Path dir) {
        Path config = floatipPair(node, 150, 1, true, dir.resolve("vmac-probe"));
        var r = node.exec(java.time.Duration.ofSeconds(60), List.of(launcher.toString(), "check-config", "-c",
                config.toString()));
        System.out.println("[bench] floatip check-config with use_vmac: " + (r.ok() ? "accepted" : "refused: "
                + r.output().strip().lines().findFirst().orElse("")));
        return r.ok();
    }
}
