package io.floatip.release;

import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.net.InterfaceAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which addresses on this node are a config's VIPs, left by an agent that is gone. An address is removed
 * only when it is on the interface of an instance that names it, with the prefix length the agent adds it
 * with: the same address with another prefix was not added by floatip (it adds exactly the configured one),
 * so it is someone else's and is left, with a note.
 */
public final class ReleasePlan {
    /** Remove {@code vip} from {@code interfaceName}; {@code instance} names it. */
    public record Removal(String instance, String interfaceName, VirtualIp vip) {
    }

    private final List<Removal> removals;
    private final List<String> notes;

    private ReleasePlan(List<Removal> removals, List<String> notes) {
        this.removals = List.copyOf(removals);
        this.notes = List.copyOf(notes);
    }

    /**
     * @param present each instance interface's addresses now; an interface missing from the map is gone
     *                (its addresses went with it)
     */
    public static ReleasePlan of(Config config, Map<String, List<InterfaceAddress>> present) {
        List<Removal> removals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (InstanceConfig ic : config.instances().values()) {
            List<InterfaceAddress> addresses = present.get(ic.interfaceName());
            if (addresses == null) {
                notes.add(ic.name() + ": interface " + ic.interfaceName() + " is gone, and its addresses with it");
                continue;
            }
            for (VirtualIp vip : ic.virtualIps()) {
                for (InterfaceAddress a : addresses) {
                    if (!a.address().equals(vip.address())) {
                        continue;
                    }
                    if (a.prefixLength() == vip.prefixLength()) {
                        removals.add(new Removal(ic.name(), ic.interfaceName(), vip));
                    } else {
                        notes.add(ic.name() + ": left " + vip.address().getHostAddress() + "/" + a.prefixLength()
                                + " on " + ic.interfaceName() + ": the VIP is " + vip + ", so floatip did not add it");
                    }
                }
            }
        }
        return new ReleasePlan(removals, notes);
    }

    /** The addresses to remove, in config order. */
    public List<Removal> removals() {
        return removals;
    }

    /** What was seen and deliberately left alone, one line each. */
    public List<String> notes() {
        return notes;
    }
}
