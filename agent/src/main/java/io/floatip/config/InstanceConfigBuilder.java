package io.floatip.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;

/**
 * Builds an {@link InstanceConfig} from {@link InstanceConfig#builder}: what is not set is as the config file has it
 * when the key is absent. The record's constructor checks the result. Not thread-safe.
 */
public final class InstanceConfigBuilder {
    private final String name;
    private final String interfaceName;
    private final int vrid;
    private int priority = InstanceConfig.DEFAULT_PRIORITY;
    private int version = InstanceConfig.DEFAULT_VERSION;
    private int advertIntervalCentis = InstanceConfig.DEFAULT_ADVERT_INTERVAL_CENTIS;
    private boolean preempt = true;
    private long preemptDelayMillis;
    private List<VirtualIp> virtualIps = List.of();
    private GarpConfig garp = GarpConfig.DEFAULT;
    private Inet4Address unicastSource;
    private List<UnicastPeer> unicastPeers = List.of();
    private String authPassword;
    private List<TrackedScript> trackScripts = List.of();
    private List<TrackedInterface> trackInterfaces = List.of();
    private List<TrackedFile> trackFiles = List.of();
    private NotifyConfig notifications = NotifyConfig.NONE;
    private boolean fastPreempt;
    private List<TrackedProcess> trackProcesses = List.of();
    private List<VirtualIp> excludedIps = List.of();
    private boolean dontTrackPrimary;
    private boolean skipCheckAdvAddr;
    private boolean useVmac;
    private VirtualRouting routing = VirtualRouting.NONE;
    private boolean accept = true;
    // Null: the VIPs' family, known only once they are set.
    private Boolean ipv6;

    InstanceConfigBuilder(String name, String interfaceName, int vrid) {
        this.name = name;
        this.interfaceName = interfaceName;
        this.vrid = vrid;
    }

    public InstanceConfigBuilder priority(int value) {
        priority = value;
        return this;
    }

    public InstanceConfigBuilder version(int value) {
        version = value;
        return this;
    }

    public InstanceConfigBuilder advertIntervalCentis(int value) {
        advertIntervalCentis = value;
        return this;
    }

    public InstanceConfigBuilder preempt(boolean value) {
        preempt = value;
        return this;
    }

    public InstanceConfigBuilder preemptDelayMillis(long value) {
        preemptDelayMillis = value;
        return this;
    }

    public InstanceConfigBuilder virtualIps(List<VirtualIp> value) {
        virtualIps = value;
        return this;
    }

    public InstanceConfigBuilder garp(GarpConfig value) {
        garp = value;
        return this;
    }

    public InstanceConfigBuilder unicastSource(Inet4Address value) {
        unicastSource = value;
        return this;
    }

    public InstanceConfigBuilder unicastPeers(List<UnicastPeer> value) {
        unicastPeers = value;
        return this;
    }

    public InstanceConfigBuilder authPassword(String value) {
        authPassword = value;
        return this;
    }

    public InstanceConfigBuilder trackScripts(List<TrackedScript> value) {
        trackScripts = value;
        return this;
    }

    public InstanceConfigBuilder trackInterfaces(List<TrackedInterface> value) {
        trackInterfaces = value;
        return this;
    }

    public InstanceConfigBuilder trackFiles(List<TrackedFile> value) {
        trackFiles = value;
        return this;
    }

    public InstanceConfigBuilder notifications(NotifyConfig value) {
        notifications = value;
        return this;
    }

    public InstanceConfigBuilder fastPreempt(boolean value) {
        fastPreempt = value;
        return this;
    }

    public InstanceConfigBuilder trackProcesses(List<TrackedProcess> value) {
        trackProcesses = value;
        return this;
    }

    public InstanceConfigBuilder excludedIps(List<VirtualIp> value) {
        excludedIps = value;
        return this;
    }

    public InstanceConfigBuilder dontTrackPrimary(boolean value) {
        dontTrackPrimary = value;
        return this;
    }

    public InstanceConfigBuilder skipCheckAdvAddr(boolean value) {
        skipCheckAdvAddr = value;
        return this;
    }

    public InstanceConfigBuilder useVmac(boolean value) {
        useVmac = value;
        return this;
    }

    public InstanceConfigBuilder routing(VirtualRouting value) {
        routing = value;
        return this;
    }

    public InstanceConfigBuilder accept(boolean value) {
        accept = value;
        return this;
    }

    /** The family for an instance without VIPs (the {@code family} key); with VIPs it must be theirs. */
    public InstanceConfigBuilder ipv6(boolean value) {
        ipv6 = value;
        return this;
    }

    /** @throws IllegalArgumentException as the record's constructor does */
    public InstanceConfig build() {
        boolean family = ipv6 != null ? ipv6
                : !virtualIps.isEmpty() && virtualIps.get(0).address() instanceof Inet6Address;
        return new InstanceConfig(name, interfaceName, vrid, priority, version, advertIntervalCentis, preempt,
                preemptDelayMillis, virtualIps, garp, unicastSource, unicastPeers, authPassword, trackScripts,
                trackInterfaces, trackFiles, notifications, fastPreempt, trackProcesses, excludedIps,
                dontTrackPrimary, skipCheckAdvAddr, useVmac, routing, accept, family);
    }
}
