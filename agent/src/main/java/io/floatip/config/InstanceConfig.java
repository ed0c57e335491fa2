package io.floatip.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One VRRP instance.
 *
 * @param advertIntervalCentis advertisement interval in centiseconds, the unit VRRPv3 puts on the wire;
 *                             for version 2 it is still centiseconds (always a multiple of 100)
 * @param preemptDelayMillis   how long a higher-priority backup waits before taking over
 * @param unicastSource        the source address of our IPv4 adverts, unicast ({@code unicast_source}) or
 *                             multicast ({@code multicast_source}); null means the interface's first primary
 *                             address
 * @param unicastPeers         where adverts go and the only senders accepted; empty means multicast
 * @param authPassword         VRRPv2 simple text password (RFC 2338), 1..8 printable ASCII characters;
 *                             null means no authentication
 * @param trackScripts         check scripts this instance follows, each once
 * @param trackInterfaces      interfaces this instance follows, each once
 * @param trackFiles           files this instance follows, each once
 * @param notifications        commands run on this instance's state changes (the {@code notify} key;
 *                             a component cannot be named notify, which Object already has)
 * @param fastPreempt          preempt a lower-priority master Skew_Time after its first advert (not RFC 9568)
 * @param trackProcesses       processes this instance follows, each once
 * @param excludedIps          addresses the master holds beside its VIPs but does not advertise (keepalived's
 *                             virtual_ipaddress_excluded); of any family
 * @param dontTrackPrimary     keepalived's dont_track_primary: the own interface losing its link or being set
 *                             down does not put the instance in FAULT (its deletion still does)
 * @param skipCheckAdvAddr     keepalived's skip_check_adv_addr: compare an advert's addresses with ours only
 *                             when it comes from another sender than the last one
 * @param useVmac              keepalived's use_vmac: the VIPs on a macvlan carrying RFC 9568 7.3's virtual
 *                             router MAC, which the adverts and gratuitous ARPs come from
 * @param routing              routes and rules held, like the VIPs, only while master
 * @param accept               RFC 9568 6.1 Accept_Mode: whether a non-owner master accepts packets addressed to
 *                             its VIPs; false drops them in floatip's nftables table while master
 * @param ipv6                 the instance's family: its VIPs' when it has some, else the config's
 *                             {@code family} (keepalived's native_ipv6); an instance without VIPs is IPv4 unless
 *                             told. IPv6: VRRPv3 to ff02::12 from the link-local address (unicast is IPv4 only)
 */
public record InstanceConfig(
        String name,
        String interfaceName,
        int vrid,
        int priority,
        int version,
        int advertIntervalCentis,
        boolean preempt,
        long preemptDelayMillis,
        List<VirtualIp> virtualIps,
        GarpConfig garp,
        Inet4Address unicastSource,
        List<UnicastPeer> unicastPeers,
        String authPassword,
        List<TrackedScript> trackScripts,
        List<TrackedInterface> trackInterfaces,
        List<TrackedFile> trackFiles,
        NotifyConfig notifications,
        boolean fastPreempt,
        List<TrackedProcess> trackProcesses,
        List<VirtualIp> excludedIps,
        boolean dontTrackPrimary,
        boolean skipCheckAdvAddr,
        boolean useVmac,
        VirtualRouting routing,
        boolean accept,
        boolean ipv6) {

    public static final int MIN_VRID = 1;
    public static final int MAX_VRID = 255;
    public static final int MIN_PRIORITY = 1;
    /** The address owner's priority. */
    public static final int MAX_PRIORITY = 255;
    public static final int DEFAULT_PRIORITY = 100;
    public static final int DEFAULT_VERSION = 3;
    public static final int DEFAULT_ADVERT_INTERVAL_CENTIS = 100;
    /** VRRPv3 carries the interval in 12 bits of centiseconds. */
    public static final int MAX_V3_ADVERT_CENTIS = 4095;
    /** VRRPv2 carries it in 8 bits of seconds. */
    public static final int MAX_V2_ADVERT_SECONDS = 255;
    /** The advertisement's address count is one byte. */
    public static final int MAX_VIRTUAL_IPS = 255;
    public static final long MAX_PREEMPT_DELAY_MILLIS = 1_000_000;
    /** The VRRPv2 header has 8 bytes for it. */
    public static final int MAX_AUTH_PASSWORD_LENGTH = 8;

    public InstanceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(garp, "garp");
        virtualIps = List.copyOf(virtualIps);
        requireRange("vrid", vrid, MIN_VRID, MAX_VRID);
        requireRange("priority", priority, MIN_PRIORITY, MAX_PRIORITY);
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version must be 2 or 3: " + version);
        }
        if (version == 3) {
            requireRange("advertIntervalCentis", advertIntervalCentis, 1, MAX_V3_ADVERT_CENTIS);
        } else if (advertIntervalCentis % 100 != 0) {
            throw new IllegalArgumentException("version 2 needs whole seconds: " + advertIntervalCentis + " centis");
        } else {
            requireRange("advertIntervalCentis / 100", advertIntervalCentis / 100, 1, MAX_V2_ADVERT_SECONDS);
        }
        requireRange("preemptDelayMillis", preemptDelayMillis, 0, MAX_PREEMPT_DELAY_MILLIS);
        // None: the election only drives notify scripts (keepalived's no_virtual_ipaddress).
        requireRange("virtualIps.size", virtualIps.size(), 0, MAX_VIRTUAL_IPS);
        unicastPeers = List.copyOf(unicastPeers);
        requireUnicast(unicastSource, unicastPeers);
        requireOneFamily(virtualIps, ipv6, version, unicastSource, unicastPeers);
        if (authPassword != null) {
            requireAuthentication(authPassword, version);
        }
        trackScripts = List.copyOf(trackScripts);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackFiles = List.copyOf(trackFiles);
        Objects.requireNonNull(notifications, "notifications");
        requireOnce("trackScripts", trackScripts, TrackedScript::name);
        requireOnce("trackInterfaces", trackInterfaces, TrackedInterface::name);
        requireOnce("trackFiles", trackFiles, file -> file.path().normalize());
        trackProcesses = List.copyOf(trackProcesses);
        requireOnce("trackProcesses", trackProcesses, TrackedProcess::name);
        excludedIps = List.copyOf(excludedIps);
        Objects.requireNonNull(routing, "routing");
    }

    /**
     * An instance with every other key as the config file has it when the key is absent: priority 100,
     * VRRPv3, 1 s adverts, preempt without delay, no VIPs, the default garp, multicast, no authentication,
     * nothing tracked, no notify commands, RFC 9568 preemption, nothing excluded, the own interface tracked,
     * every advert's addresses checked, no use_vmac, no virtual routes or rules, Accept_Mode true, and the
     * VIPs' family (IPv4 without VIPs).
     */
    public static InstanceConfigBuilder builder(String name, String interfaceName, int vrid) {
        return new InstanceConfigBuilder(name, interfaceName, vrid);
    }

    /** This instance's keys, to change some; the family stays this one's unless {@link InstanceConfigBuilder#ipv6} says. */
    public InstanceConfigBuilder toBuilder() {
        return builder(name, interfaceName, vrid).priority(priority).version(version)
                .advertIntervalCentis(advertIntervalCentis).preempt(preempt).preemptDelayMillis(preemptDelayMillis)
                .virtualIps(virtualIps).garp(garp).unicastSource(unicastSource).unicastPeers(unicastPeers)
                .authPassword(authPassword).trackScripts(trackScripts).trackInterfaces(trackInterfaces)
                .trackFiles(trackFiles).notifications(notifications).fastPreempt(fastPreempt)
                .trackProcesses(trackProcesses).excludedIps(excludedIps).dontTrackPrimary(dontTrackPrimary)
                .skipCheckAdvAddr(skipCheckAdvAddr).useVmac(useVmac).routing(routing).accept(accept).ipv6(ipv6);
    }

    /**
     * What RFC 9568 6.4.3 says a master must not accept when it is not the address owner: the addresses it
     * holds (VIPs and excluded ones, as keepalived's firewall set has both), or none with Accept_Mode true or
     * priority 255 (the owner's addresses are its own).
     */
    public List<VirtualIp> refusedWhileMaster() {
        return accept || priority == MAX_PRIORITY ? List.of() : heldIps();
    }

    /** What the master adds: its VIPs, then its excluded addresses. */
    public List<VirtualIp> heldIps() {
        if (excludedIps.isEmpty()) {
            return virtualIps;
        }
        List<VirtualIp> all = new java.util.ArrayList<>(virtualIps);
        all.addAll(excludedIps);
        return List.copyOf(all);
    }

    /** Adverts go to {@link #unicastPeers()} instead of the multicast group. */
    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    /** One advert carries one family (RFC 9568 5.2.9); VRRPv2 knows only IPv4 (RFC 3768). */
    private static void requireOneFamily(List<VirtualIp> ips, boolean v6, int version, Inet4Address source,
            List<UnicastPeer> peers) {
        for (VirtualIp ip : ips) {
            if (ip.address() instanceof Inet6Address != v6) {
                throw new IllegalArgumentException("virtualIps mix IPv4 and IPv6, or are not of the instance's "
                        + "family (" + (v6 ? "IPv6" : "IPv4") + "): " + ips);
            }
        }
        if (v6 && version == 2) {
            throw new IllegalArgumentException("VRRPv2 is IPv4 only (RFC 3768): " + ips);
        }
        if (v6 && source != null) {
            throw new IllegalArgumentException("IPv6 adverts are sent from the link-local address: " + source);
        }
        if (v6 && !peers.isEmpty()) {
            throw new IllegalArgumentException("unicast peers are IPv4 only, the virtual IPs are IPv6: " + ips);
        }
    }

    private static void requireUnicast(Inet4Address source, List<UnicastPeer> peers) {
        Set<Inet4Address> seen = new HashSet<>();
        for (UnicastPeer peer : peers) {
            if (!seen.add(peer.address()) || peer.address().equals(source)) {
                throw new IllegalArgumentException("unicast peer listed twice or equal to the source: " + peer);
            }
        }
    }

    private static void requireAuthentication(String password, int version) {
        if (version != 2) {
            throw new IllegalArgumentException("authentication exists only in VRRPv2");
        }
        requireRange("authPassword.length", password.length(), 1, MAX_AUTH_PASSWORD_LENGTH);
        if (!AuthPasswords.isPrintableAscii(password)) {
            throw new IllegalArgumentException("authPassword must be printable ASCII");
        }
    }

    // One thing tracked twice would count its weight twice.
    private static <T> void requireOnce(String what, List<T> items, Function<T, Object> key) {
        Set<Object> seen = new HashSet<>();
        for (T item : items) {
            if (!seen.add(key.apply(item))) {
                throw new IllegalArgumentException(what + " lists " + key.apply(item) + " twice");
            }
        }
    }

    private static void requireRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ": " + value);
        }
    }

}
