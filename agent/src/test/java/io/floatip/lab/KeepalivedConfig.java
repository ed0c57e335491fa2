package io.floatip.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A keepalived.conf with exactly one vrrp_instance, for running real keepalived as floatip's peer in a lab.
 *
 * <p>Settings keepalived would quietly change (it rounds a VRRPv2 interval, drops authentication under
 * VRRPv3, clears nopreempt on a MASTER, truncates a long password) are refused here instead, so an interop
 * test always runs against the peer it asked for. Defaults: VI_1 on eth0, BACKUP, VRID 51, priority 100,
 * VRRPv3 with a 1 s interval, preemption on, multicast, no authentication.
 */
public final class KeepalivedConfig {

    /** The initial state keepalived is told to start in. */
    public enum State { MASTER, BACKUP }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_.:+=-]{1,8}");

    private final String name;
    private String routerId = "floatip-lab";
    private String iface = Host.IFACE;
    private State state = State.BACKUP;
    private int vrid = 51;
    private int priority = 100;
    private double advertInt = 1;
    private int version = 3;
    private boolean nopreempt;
    private double preemptDelay;
    private final List<String> vips = new ArrayList<>();
    private String unicastSrcIp;
    private String mcastSrcIp;
    private final List<String> unicastPeers = new ArrayList<>();
    private String authPass;
    private boolean useVmac;

    private KeepalivedConfig(String name) {
        this.name = requireName(name, "instance name");
    }

    /** use_vmac: the VIPs on keepalived's macvlan vrrp.VRID with the virtual router MAC. */
    public KeepalivedConfig useVmac() {
        this.useVmac = true;
        return this;
    }

    /** A config whose one vrrp_instance is called {@code name} (keepalived prints it as "(name)"). */
    public static KeepalivedConfig instance(String name) {
        return new KeepalivedConfig(name);
    }

    /** An instance called VI_1. */
    public static KeepalivedConfig instance() {
        return new KeepalivedConfig("VI_1");
    }

    private int realtimePriority;

    /** global_defs vrrp_rt_priority: the VRRP process runs SCHED_RR at this priority (0: as keepalived's default). */
    public KeepalivedConfig realtimePriority(int priority) {
        if (priority < 0 || priority > 99) {
            throw new IllegalArgumentException("vrrp_rt_priority is 1..99, not " + priority);
        }
        this.realtimePriority = priority;
        return this;
    }

    /** global_defs router_id: only shows up in keepalived's own output. */
    public KeepalivedConfig routerId(String id) {
        this.routerId = requireName(id, "router_id");
        return this;
    }

    public KeepalivedConfig iface(String iface) {
        Names.requireInterfaceName(iface);
        this.iface = iface;
        return this;
    }

    public KeepalivedConfig state(State state) {
        this.state = state;
        return this;
    }

    public KeepalivedConfig virtualRouterId(int vrid) {
        this.vrid = inRange(vrid, 1, 255, "virtual_router_id");
        return this;
    }

    public KeepalivedConfig priority(int priority) {
        this.priority = inRange(priority, 1, 255, "priority");
        return this;
    }

    /** Seconds between adverts: a whole number for VRRPv2, 0.01 to 40.95 in 10 ms steps for VRRPv3. */
    public KeepalivedConfig advertInt(double seconds) {
        this.advertInt = seconds;
        return this;
    }

    public KeepalivedConfig version(int version) {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("vrrp version is 2 or 3, not " + version);
        }
        this.version = version;
        return this;
    }

    /** A higher-priority keepalived will not take over from a running master (needs state BACKUP). */
    public KeepalivedConfig nopreempt() {
        this.nopreempt = true;
        return this;
    }

    /** Extra seconds (0 to 1000) to wait before preempting (needs state BACKUP). */
    public KeepalivedConfig preemptDelay(double seconds) {
        if (!(seconds >= 0 && seconds <= 1000)) {
            throw new IllegalArgumentException("preempt_delay is 0..1000 s, not " + seconds);
        }
        this.preemptDelay = seconds;
        return this;
    }

    /** Adds virtual addresses such as "198.51.100.50/24"; all of one family. */
    public KeepalivedConfig virtualIp(String... addresses) {
        for (String address : addresses) {
            String[] parts = address.split("/", -1);
            if (parts.length > 2 || parts.length == 2 && !parts[1].matches("\\d{1,3}")) {
                throw new IllegalArgumentException("not ADDRESS[/PREFIX]: " + address);
            }
            LabRanges.requireLabAddress(parts[0]);
            vips.add(address);
        }
        return this;
    }

    /** Source address for unicast adverts (keepalived otherwise uses the interface's primary address). */
    public KeepalivedConfig unicastSrcIp(String address) {
        LabRanges.requireLabAddress(address);
        this.unicastSrcIp = address;
        return this;
    }

    /** Source address for multicast adverts (keepalived's mcast_src_ip; the same setting as unicast_src_ip). */
    public KeepalivedConfig mcastSrcIp(String address) {
        LabRanges.requireLabAddress(address);
        this.mcastSrcIp = address;
        return this;
    }

    /** Sends adverts to these addresses by unicast instead of to the multicast group. */
    public KeepalivedConfig unicastPeer(String... addresses) {
        for (String address : addresses) {
            LabRanges.requireLabAddress(address);
            unicastPeers.add(address);
        }
        return this;
    }

    /** VRRPv2 simple-password authentication (auth_type PASS); keepalived uses at most 8 characters. */
    public KeepalivedConfig authPass(String password) {
        if (!PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("auth_pass: 1 to 8 of [A-Za-z0-9_.:+=-], not '" + password + "'");
        }
        this.authPass = password;
        return this;
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    public double advertInt() {
        return advertInt;
    }

    public List<String> virtualIps() {
        return List.copyOf(vips);
    }

    /** The whole keepalived.conf; throws if the settings do not fit together. */
    public String text() {
        validate();
        StringBuilder out = new StringBuilder();
        out.append("# written by floatip's lab: one VRRP instance, no scripts, no checker\n");
        out.append("global_defs {\n");
        out.append("    router_id ").append(routerId).append('\n');
        // -1 keeps the default (no realtime scheduling) but silences keepalived's startup NOTICE about it.
        out.append("    max_auto_priority -1\n");
        if (realtimePriority > 0) {
            out.append("    vrrp_rt_priority ").append(realtimePriority).append('\n');
        }
        // No vrrp_strict: it would forbid authentication, unicast and preempt_delay, and add firewall rules.
        out.append("}\n\n");
        out.append("vrrp_instance ").append(name).append(" {\n");
        line(out, "state", state.name());
        line(out, "interface", iface);
        line(out, "virtual_router_id", Integer.toString(vrid));
        line(out, "priority", Integer.toString(priority));
        line(out, "advert_int", decimal(advertInt));
        line(out, "version", Integer.toString(version));
        // Said per instance too, so a vrrp_strict added to global_defs later cannot switch it on here.
        line(out, "strict_mode", "off");
        if (nopreempt) {
            line(out, "nopreempt", null);
        }
        if (preemptDelay > 0) {
            line(out, "preempt_delay", decimal(preemptDelay));
        }
        if (useVmac) {
            line(out, "use_vmac", null);
        }
        if (unicastSrcIp != null) {
            line(out, "unicast_src_ip", unicastSrcIp);
        }
        if (mcastSrcIp != null) {
            line(out, "mcast_src_ip", mcastSrcIp);
        }
        block(out, "unicast_peer", unicastPeers);
        if (authPass != null) {
            block(out, "authentication", List.of("auth_type PASS", "auth_pass " + authPass));
        }
        block(out, "virtual_ipaddress", vips);
        out.append("}\n");
        return out.toString();
    }

    /** Writes {@link #text()} to {@code file}, creating its directory. */
    public Path writeTo(Path file) {
        String text = text();
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "keepalived " + name + " v" + version + " vrid " + vrid + " prio " + priority + " " + vips;
    }

    private void validate() {
        if (version == 2) {
            if (advertInt != Math.rint(advertInt) || advertInt < 1 || advertInt > 255) {
                throw new IllegalArgumentException("VRRPv2 advert_int is a whole 1..255 s, not " + advertInt);
            }
        } else {
            double centis = advertInt * 100;
            if (Math.abs(centis - Math.rint(centis)) > 1e-6 || advertInt < 0.01 || advertInt > 40.95) {
                throw new IllegalArgumentException("VRRPv3 advert_int is 0.01..40.95 s in 10 ms steps, not "
                        + advertInt);
            }
            if (authPass != null) {
                throw new IllegalArgumentException("keepalived ignores authentication under VRRPv3");
            }
        }
        if (state == State.MASTER && (nopreempt || preemptDelay > 0)) {
            throw new IllegalArgumentException("keepalived clears nopreempt and preempt_delay on state MASTER");
        }
        if (nopreempt && preemptDelay > 0) {
            throw new IllegalArgumentException("keepalived drops preempt_delay under nopreempt");
        }
        long v6 = vips.stream().filter(v -> LabRanges.requireLabAddress(v.split("/")[0])).count();
        if (v6 != 0 && v6 != vips.size()) {
            throw new IllegalArgumentException("virtual_ipaddress mixes IPv4 and IPv6: " + vips);
        }
        if (v6 != 0 && version == 2) {
            throw new IllegalArgumentException("IPv6 virtual addresses need VRRPv3");
        }
        if (unicastSrcIp != null && unicastPeers.isEmpty()) {
            throw new IllegalArgumentException("unicast_src_ip without unicast_peer would still multicast");
        }
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append("    ").append(key);
        if (value != null) {
            out.append(' ').append(value);
        }
        out.append('\n');
    }

    private static void block(StringBuilder out, String key, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append("    ").append(key).append(" {\n");
        for (String l : lines) {
            out.append("        ").append(l).append('\n');
        }
        out.append("    }\n");
    }

    /** 1.0 as "1" and 0.1 as "0.1": keepalived reads both, and the file stays readable. */
    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static int inRange(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " is " + min + ".." + max + ", not " + value);
        }
        return value;
    }

    private static String requireName(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("bad " + what + " (letters, digits, _ . -): " + value);
        }
        return value;
    }
}
