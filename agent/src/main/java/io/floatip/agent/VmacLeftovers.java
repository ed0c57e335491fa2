package io.floatip.agent;

import io.floatip.net.InterfaceSysctl;
import io.floatip.net.LinkDetails;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.policy.VmacMark;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, before any instance is built: the macvlans a floatip that is no longer running made (a SIGKILL, a
 * crash, an OOM kill) are deleted, and their parents' arp sysctls put back from the values the mark carries
 * ({@link VmacMark}), unless an operator changed them since. Unmarked interfaces are never touched (an
 * operator's macvlan, keepalived's), whatever their name. Keepalived keeps the parent's values in memory only:
 * after its crash they stay changed.
 */
final class VmacLeftovers {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    private static final String[] KEYS = {"arp_ignore", "arp_filter", "arp_announce"};
    private static final int[] SET = {1, 1, 2};

    private VmacLeftovers() {
    }

    /** How many leftovers were deleted. Failures are logged; a start goes on. */
    static int remove(Netlink netlink, InterfaceSysctl sysctl, long ownPid, LongPredicate running) {
        List<LinkDetails> links;
        try {
            links = netlink.links();
        } catch (NetlinkException e) {
            log.warn("cannot list interfaces to find macvlans a killed run left: {}", e.getMessage());
            return 0;
        }
        Map<Integer, String> names = new HashMap<>();
        links.forEach(l -> names.put(l.ifIndex(), l.name()));
        Set<String> restored = new HashSet<>();
        int removed = 0;
        for (LinkDetails l : links) {
            VmacMark.Mark mark = "macvlan".equals(l.kind()) ? VmacMark.parse(l.alias()) : null;
            if (mark == null || !VmacMark.leftover(mark, ownPid, running)) {
                continue;
            }
            String parent = names.get(l.parentIndex());
            try {
                netlink.deleteLink(l.ifIndex());
                removed++;
            } catch (NetlinkException e) {
                log.warn("cannot delete the macvlan {} left by floatip pid {}: {}", l.name(), mark.pid(),
                        e.getMessage());
                continue;
            }
            StringBuilder put = new StringBuilder();
            if (mark.arp() && parent != null && restored.add(parent)) {
                int[] originals = {mark.arpIgnore(), mark.arpFilter(), mark.arpAnnounce()};
                for (int k = 0; k < KEYS.length; k++) {
                    int value = VmacMark.restore(originals[k], SET[k], sysctl.get("ipv4", parent, KEYS[k]));
                    if (value < 0) {
                        continue;
                    }
                    try {
                        sysctl.set("ipv4", parent, KEYS[k], value);
                        put.append(put.length() == 0 ? "; put back " : ", ").append("net.ipv4.conf.").append(parent)
                                .append('.').append(KEYS[k]).append('=').append(value);
                    } catch (IOException e) {
                        log.warn("cannot put back net.ipv4.conf.{}.{} = {}: {}", parent, KEYS[k], value,
                                e.getMessage());
                    }
                }
            }
            log.info("deleted the macvlan {} that floatip pid {} left (not running){}", l.name(), mark.pid(), put);
        }
        return removed;
    }
}
