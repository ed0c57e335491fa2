package io.floatip.cli;

import io.floatip.config.Command;
import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import io.floatip.config.NotifyConfig;
import io.floatip.config.ScriptConfig;
import io.floatip.config.SyncGroupConfig;
import io.floatip.config.TrackedFile;
import io.floatip.config.TrackedInterface;
import io.floatip.config.TrackedScript;
import io.floatip.firewall.NftRuleset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a loaded config will do, as `keepalived -t` users want to read it back: each instance with its
 * effective preemption, tracking (each weight with the priority it leads to), notify commands, then sync
 * groups, scripts and who runs them. Pure: the same config gives the same lines.
 */
public final class ConfigSummary {
    /** keepalived's clamp for a tracked priority: never 0 (stop) nor 255 (the owner's). */
    static final int MIN_TRACKED = 1;
    static final int MAX_TRACKED = 254;

    private ConfigSummary() {
    }

    public static List<String> lines(Path file, Config c) {
        List<String> out = new ArrayList<>();
        out.add(file + ": OK, " + c.instances().size() + " instance(s)");
        for (InstanceConfig i : c.instances().values()) {
            out.add(String.format("  %s: %s vrid %d, VRRPv%d, priority %d, advert %d0 ms, VIPs %s, %s%s",
                    i.name(), i.interfaceName(), i.vrid(), i.version(), i.priority(), i.advertIntervalCentis(),
                    i.virtualIps().isEmpty() ? "none (notify scripts only)" : i.virtualIps(),
                    i.unicast() ? "unicast to " + i.unicastPeers() : "multicast",
                    i.authPassword() != null ? ", PASS authentication" : ""));
            if (!i.excludedIps().isEmpty()) {
                out.add("    excluded addresses (held, not advertised): " + i.excludedIps());
            }
            out.add("    preempt: " + preempt(i));
            for (TrackedScript t : i.trackScripts()) {
                out.add("    track script " + t.name() + ": " + effect(i.priority(), t.weight(), "down", "up"));
            }
            for (TrackedInterface t : i.trackInterfaces()) {
                out.add("    track interface " + t.name() + ": " + effect(i.priority(), t.weight(), "down", "up"));
            }
            for (TrackedFile t : i.trackFiles()) {
                out.add("    track file " + t.path() + ": " + fileEffect(i.priority(), t.weight()));
            }
            if (i.unicastSource() != null && !i.unicast()) {
                out.add("    multicast source: " + i.unicastSource().getHostAddress());
            }
            if (!i.accept()) {
                out.add("    accept: false: " + (i.refusedWhileMaster().isEmpty() ? "ignored, the address owner "
                        + "(priority 255) accepts what it owns" : "packets to " + i.refusedWhileMaster()
                        + " dropped (nftables table " + NftRuleset.TABLE + ") while master"));
            }
            i.routing().routes().forEach(r -> out.add("    route while master: " + r));
            i.routing().rules().forEach(r -> out.add("    rule while master: " + r));
            notify(out, i.notifications(), "INSTANCE " + i.name() + " STATE PRIORITY");
        }
        for (SyncGroupConfig g : c.syncGroups().values()) {
            out.add("  sync group " + g.name() + ": " + String.join(", ", g.instances())
                    + " change state together");
            notify(out, g.notifications(), "GROUP " + g.name() + " STATE 0");
        }
        for (ScriptConfig s : c.scripts().values()) {
            out.add("  script " + s.name() + ": " + String.join(" ", s.command().argv()) + ", every "
                    + s.intervalMillis() + " ms, timeout " + s.timeoutMillis() + " ms, rise " + s.rise() + ", fall "
                    + s.fall() + ", starts " + (s.initFail() ? "down" : "up"));
        }
        if (c.global().notifyFifo() != null) {
            out.add("  state changes written to " + c.global().notifyFifo() + " as INSTANCE \"NAME\" STATE PRIORITY");
        }
        if (c.global().notifyFifoScript() != null) {
            out.add("  " + c.global().notifyFifo() + " read by " + c.global().notifyFifoScript() + " "
                    + c.global().notifyFifo() + ": started with the agent, started again when it exits, stopped "
                    + "after the last line");
        }
        if (c.global().scriptUser() != null) {
            out.add("  scripts run as " + c.global().scriptUser() + " by an agent run as root, as the agent's own "
                    + "user otherwise");
        }
        return out;
    }

    static String preempt(InstanceConfig i) {
        if (i.priority() == InstanceConfig.MAX_PRIORITY) {
            return "owner (priority 255): master at once, whatever preempt says";
        }
        if (!i.preempt()) {
            return "off (a higher priority backup leaves a lower master be)";
        }
        return i.preemptDelayMillis() == 0 ? "on, at once"
                : "on, after preempt_delay " + i.preemptDelayMillis() + " ms from start or leaving FAULT";
    }

    /** A script's or interface's weight, said as the priority it gives (keepalived's rules). */
    static String effect(int priority, int weight, String down, String up) {
        if (priority == InstanceConfig.MAX_PRIORITY && weight != 0) {
            return "weight " + weight + " (no effect: an owner's 255 never changes)";
        }
        if (weight == 0) {
            return "weight 0: FAULT while " + down;
        }
        return "weight " + weight + ": priority " + clamp(priority + weight) + " while " + (weight < 0 ? down : up)
                + ", else " + priority;
    }

    static String fileEffect(int priority, int weight) {
        if (weight == 0) {
            return "weight 0: FAULT while the file holds a number other than 0";
        }
        if (priority == InstanceConfig.MAX_PRIORITY) {
            return "weight " + weight + " (no effect: an owner's 255 never changes)";
        }
        return "weight " + weight + ": priority " + priority + " + the file's number x " + weight + ", within "
                + MIN_TRACKED + ".." + MAX_TRACKED;
    }

    static int clamp(int priority) {
        return Math.max(MIN_TRACKED, Math.min(MAX_TRACKED, priority));
    }

    private static void notify(List<String> out, NotifyConfig n, String anyArgs) {
        add(out, "master", n.master(), "");
        add(out, "backup", n.backup(), "");
        add(out, "fault", n.fault(), "");
        add(out, "stop", n.stop(), "");
        add(out, "any", n.any(), " + " + anyArgs);
    }

    private static void add(List<String> out, String state, Command command, String suffix) {
        if (command != null) {
            out.add("    notify " + state + ": " + String.join(" ", command.argv()) + suffix);
        }
    }
}
