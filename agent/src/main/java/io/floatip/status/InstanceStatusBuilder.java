package io.floatip.status;

import io.floatip.status.AgentStatus.AcceptStatus;
import io.floatip.status.AgentStatus.ClaimBackoffStatus;
import io.floatip.status.AgentStatus.ConflictStatus;
import io.floatip.status.AgentStatus.Counters;
import io.floatip.status.AgentStatus.InstanceStatus;
import io.floatip.status.AgentStatus.TrackedStatus;
import java.util.List;

/**
 * Builds an {@link InstanceStatus} from {@link InstanceStatus#builder}: what is not set is 0, false, null or
 * empty, which for the parts an older agent did not send (drained, reasonCode, claimBackoff, conflict,
 * acceptMode, vmac, excludedIps) is how a snapshot without them reads. Not thread-safe.
 */
public final class InstanceStatusBuilder {
    private final String name;
    private final String interfaceName;
    private final int vrid;
    private int version;
    private String state;
    private int priority;
    private int effectivePriority;
    private int advertIntervalMillis;
    private List<String> virtualIps = List.of();
    private List<String> heldVips = List.of();
    private boolean unicast;
    private String masterAddress;
    private long sinceMillis;
    private String reason;
    private String faults;
    private List<TrackedStatus> tracked = List.of();
    private Counters counters;
    private boolean drained;
    private String reasonCode;
    private ClaimBackoffStatus claimBackoff;
    private ConflictStatus conflict;
    private AcceptStatus acceptMode;
    private String vmac;
    private List<String> excludedIps = List.of();

    InstanceStatusBuilder(String name, String interfaceName, int vrid) {
        this.name = name;
        this.interfaceName = interfaceName;
        this.vrid = vrid;
    }

    public InstanceStatusBuilder version(int value) {
        version = value;
        return this;
    }

    public InstanceStatusBuilder state(String value) {
        state = value;
        return this;
    }

    public InstanceStatusBuilder priority(int value) {
        priority = value;
        return this;
    }

    public InstanceStatusBuilder effectivePriority(int value) {
        effectivePriority = value;
        return this;
    }

    public InstanceStatusBuilder advertIntervalMillis(int value) {
        advertIntervalMillis = value;
        return this;
    }

    public InstanceStatusBuilder virtualIps(List<String> value) {
        virtualIps = value;
        return this;
    }

    public InstanceStatusBuilder heldVips(List<String> value) {
        heldVips = value;
        return this;
    }

    public InstanceStatusBuilder unicast(boolean value) {
        unicast = value;
        return this;
    }

    public InstanceStatusBuilder masterAddress(String value) {
        masterAddress = value;
        return this;
    }

    public InstanceStatusBuilder sinceMillis(long value) {
        sinceMillis = value;
        return this;
    }

    public InstanceStatusBuilder reason(String value) {
        reason = value;
        return this;
    }

    public InstanceStatusBuilder faults(String value) {
        faults = value;
        return this;
    }

    public InstanceStatusBuilder tracked(List<TrackedStatus> value) {
        tracked = value;
        return this;
    }

    public InstanceStatusBuilder counters(Counters value) {
        counters = value;
        return this;
    }

    public InstanceStatusBuilder drained(boolean value) {
        drained = value;
        return this;
    }

    public InstanceStatusBuilder reasonCode(String value) {
        reasonCode = value;
        return this;
    }

    public InstanceStatusBuilder claimBackoff(ClaimBackoffStatus value) {
        claimBackoff = value;
        return this;
    }

    public InstanceStatusBuilder conflict(ConflictStatus value) {
        conflict = value;
        return this;
    }

    public InstanceStatusBuilder acceptMode(AcceptStatus value) {
        acceptMode = value;
        return this;
    }

    public InstanceStatusBuilder vmac(String value) {
        vmac = value;
        return this;
    }

    public InstanceStatusBuilder excludedIps(List<String> value) {
        excludedIps = value;
        return this;
    }

    public InstanceStatus build() {
        return new InstanceStatus(name, interfaceName, vrid, version, state, priority, effectivePriority,
                advertIntervalMillis, virtualIps, heldVips, unicast, masterAddress, sinceMillis, reason, faults, tracked,
                counters, drained, reasonCode, claimBackoff, conflict, acceptMode, vmac, excludedIps);
    }
}
