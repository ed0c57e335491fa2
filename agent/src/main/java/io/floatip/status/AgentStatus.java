package io.floatip.status;

import java.util.List;

/**
 * Everything an operator asks a running agent at 3 a.m.: a consistent snapshot taken on the event loop,
 * serialized as JSON on the control socket and rendered as Prometheus metrics. Plain data, no behaviour.
 *
 * @param routerId      global.router_id
 * @param version       floatip's version
 * @param pid           the agent's pid
 * @param startedAtMillis epoch milliseconds when the agent started
 * @param instances     every instance, in config order
 * @param scripts       every check script, in config order
 * @param groups        every sync group, in config order
 * @param interfaces    each interface VRRP runs on, with the frames dropped before any instance saw them
 * @param refusals      what the agent refused from files, socket clients and configs, by {@link Refusal} key,
 *                      non-zero only
 */
public record AgentStatus(String routerId, String version, long pid, long startedAtMillis,
                          List<InstanceStatus> instances, List<ScriptStatus> scripts, List<GroupStatus> groups,
                          List<InterfaceStatus> interfaces, java.util.Map<String, Long> refusals) {

    /**
     * @param state             INIT, BACKUP, MASTER or FAULT
     * @param priority          the configured priority
     * @param effectivePriority after tracking weights
     * @param heldVips          the virtual addresses this node holds now (claimed, not yet released), in config order
     * @param masterAddress     the current master's address as last heard (ours when MASTER), or null
     * @param sinceMillis       epoch milliseconds of the last transition
     * @param reason            the last transition's reason, one line
     * @param faults            why it is in FAULT, or empty
     * @param tracked           each tracked script, interface and file with its state
     * @param drained           drained by the operator (floatip drain): BACKUP at the lowest priority
     * @param reasonCode        the last transition's reason as a code (master_silent, fault, ...), or null
     * @param claimBackoff      after a VIP claim failed, until one succeeds: the back-off; else null
     * @param conflict          another node holds our VIP while we are master (split brain), or null
     * @param acceptMode        RFC 9568 Accept_Mode: the setting and what this node drops now, or null (an older
     *                          agent)
     * @param vmac              use_vmac's macvlan the VIPs go on (vrrp.51), or null
     * @param excludedIps       the configured excluded_ips: held with the VIPs while master, not advertised (they
     *                          are in heldVips while held), as configured ("203.0.113.60/24 dev eth1")
     */
    public record InstanceStatus(String name, String interfaceName, int vrid, int version, String state, int priority,
                                 int effectivePriority, int advertIntervalMillis, List<String> virtualIps,
                                 List<String> heldVips, boolean unicast, String masterAddress, long sinceMillis,
                                 String reason, String faults, List<TrackedStatus> tracked, Counters counters,
                                 boolean drained, String reasonCode, ClaimBackoffStatus claimBackoff,
                                 ConflictStatus conflict, AcceptStatus acceptMode, String vmac,
                                 List<String> excludedIps) {

        public InstanceStatus {
            // A snapshot from an agent without excluded_ips reads as none.
            excludedIps = excludedIps == null ? List.of() : List.copyOf(excludedIps);
        }

        /** A status with what is not set empty (see {@link InstanceStatusBuilder}). */
        public static InstanceStatusBuilder builder(String name, String interfaceName, int vrid) {
            return new InstanceStatusBuilder(name, interfaceName, vrid);
        }

        /** This status's parts, to change some. */
        public InstanceStatusBuilder toBuilder() {
            return builder(name, interfaceName, vrid)
                    .version(version).state(state).priority(priority).effectivePriority(effectivePriority)
                    .advertIntervalMillis(advertIntervalMillis).virtualIps(virtualIps).heldVips(heldVips)
                    .unicast(unicast).masterAddress(masterAddress).sinceMillis(sinceMillis).reason(reason)
                    .faults(faults).tracked(tracked).counters(counters).drained(drained).reasonCode(reasonCode)
                    .claimBackoff(claimBackoff).conflict(conflict).acceptMode(acceptMode).vmac(vmac)
                    .excludedIps(excludedIps);
        }
    }

    /**
     * A node whose VIP claims fail stays BACKUP and does not preempt until the back-off ends.
     *
     * @param failures            failed claims since the last one that succeeded
     * @param backoffMillis       the current back-off (5 s, doubling to 5 min)
     * @param preemptHeldForMillis how much longer preempting is held off (0: the next chance tries again)
     * @param lastError           the last failure's reason
     */
    public record ClaimBackoffStatus(int failures, long backoffMillis, long preemptHeldForMillis, String lastError) {
    }

    /**
     * A split brain seen by this master (see REFERENCE.md, "Split brain").
     *
     * @param cause        auth_mismatch, version_mismatch, interval_mismatch, unknown_peer, ttl_out_of_range,
     *                     not_heard or silent
     * @param description  the log line's text: who, what differs, which VIPs both hold
     * @param peerAddress  the other node's advert source, or null when none of its adverts reach us
     * @param peerMac      the other node's MAC, or null
     * @param peerPriority its advertised priority, or -1 when unknown
     * @param sinceMillis  epoch milliseconds when it was confirmed
     */
    public record ConflictStatus(String cause, String description, String peerAddress, String peerMac,
                                 int peerPriority, long sinceMillis) {
    }

    /**
     * RFC 9568 Accept_Mode.
     *
     * @param accept        the instance's {@code accept} setting
     * @param dropping      the addresses packets to which this node drops now (a non-owner master with accept
     *                      false), as asked of nftables
     * @param applyFailures tables nft failed to write since start, for every instance (a failure is logged too)
     * @param lastError     the last failure, or null once a write worked
     * @param rewritten     tables written again, for every instance, because something else removed or changed
     *                      floatip's (an {@code nft flush ruleset}, an nftables.service reload)
     */
    public record AcceptStatus(boolean accept, List<String> dropping, long applyFailures, String lastError,
                               long rewritten) {
        public AcceptStatus(boolean accept, List<String> dropping, long applyFailures, String lastError) {
            this(accept, dropping, applyFailures, lastError, 0);
        }
    }

    /** @param kind script, interface or file; @param state up/down, or the file's value */
    public record TrackedStatus(String kind, String name, int weight, String state) {
    }

    /**
     * @param drops        drop reason key (auth_mismatch, unknown_peer...) to count, non-zero only
     * @param vipsRestored VIPs that something else removed from this master and it put back (the VIP guard)
     * @param routingRestored virtual routes and rules something else removed from this master, put back
     * @param routingFailures virtual routes and rules the kernel refused to add
     * @param conflicts       split brains confirmed on this instance since start
     * @param vmacRecreated   times use_vmac's macvlan was deleted or set down by something else (or went with its parent)
     *                        and made again
     */
    public record Counters(long advertsSent, long advertsReceived, long transitions, long addressMismatches,
                           java.util.Map<String, Long> drops, long vipsRestored, long routingRestored,
                           long routingFailures, long conflicts, long vmacRecreated) {
        public Counters(long advertsSent, long advertsReceived, long transitions, long addressMismatches,
                        java.util.Map<String, Long> drops, long vipsRestored, long routingRestored,
                        long routingFailures, long conflicts) {
            this(advertsSent, advertsReceived, transitions, addressMismatches, drops, vipsRestored, routingRestored,
                    routingFailures, conflicts, 0);
        }

        public Counters(long advertsSent, long advertsReceived, long transitions, long addressMismatches,
                        java.util.Map<String, Long> drops, long vipsRestored, long routingRestored,
                        long routingFailures) {
            this(advertsSent, advertsReceived, transitions, addressMismatches, drops, vipsRestored, routingRestored,
                    routingFailures, 0);
        }

        public Counters(long advertsSent, long advertsReceived, long transitions, long addressMismatches,
                        java.util.Map<String, Long> drops, long vipsRestored) {
            this(advertsSent, advertsReceived, transitions, addressMismatches, drops, vipsRestored, 0, 0);
        }

        public Counters(long advertsSent, long advertsReceived, long transitions, long addressMismatches,
                        java.util.Map<String, Long> drops) {
            this(advertsSent, advertsReceived, transitions, addressMismatches, drops, 0);
        }
    }

    /** @param up whether it counts as up (after rise/fall); @param lastResult e.g. "exit 0", "timed out..." */
    public record ScriptStatus(String name, boolean up, long runs, long failures, long skips, String lastResult) {
    }

    public record GroupStatus(String name, String state, List<String> instances) {
    }

    /** @param drops reason key (bad_checksum, ttl_not_255, unknown_vrid...) to count, non-zero only */
    public record InterfaceStatus(String name, java.util.Map<String, Long> drops, long sendErrors) {
    }
}
