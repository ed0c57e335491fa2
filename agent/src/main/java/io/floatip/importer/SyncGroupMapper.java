package io.floatip.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads vrrp_sync_group blocks: the {@code group} block becomes {@code instances}, the notify lines {@code notify}. */
final class SyncGroupMapper {

    /** The members as written, before instances are mapped (tracking needs to know who is grouped). */
    record Group(String name, List<String> members, boolean keepsWeights, Statement statement) {
    }

    private SyncGroupMapper() {
    }

    static Group members(Statement block) {
        List<String> members = new ArrayList<>();
        boolean keepsWeights = false;
        for (Statement s : block.children()) {
            if (s.keyword().equals("group")) {
                members.addAll(s.blockWords());
            } else if (s.keyword().equals("sync_group_tracking_weight")) {
                keepsWeights = true;
            }
        }
        return new Group(block.arg(0), members, keepsWeights, block);
    }

    /**
     * Fills {@code out} with the group's keys.
     *
     * @param mapped   the instances floatip got
     * @param memberOf instance to group so far; filled with this group's members
     * @return why the group is left out, or null
     */
    static String map(Group group, Set<String> mapped, Map<String, String> memberOf, YamlNode.MapNode out,
            Scope scope) {
        List<Statement> notifies = new ArrayList<>();
        boolean hasGroup = group.statement().children().stream().anyMatch(s -> s.keyword().equals("group"));
        for (Statement s : group.statement().children()) {
            switch (s.keyword()) {
                case "group", "sync_group_tracking_weight" -> {
                    // read by members()
                }
                case "track_interface", "track_script", "track_file", "track_process", "track_bfd", "global_tracking" ->
                        scope.notMapped(s, "floatip has no group tracking; track it in each member instance");
                default -> {
                    if (NotifyMapper.EVENTS.containsKey(s.keyword())) {
                        notifies.add(s);
                    } else if (!hasGroup && s.args().isEmpty() && !s.hasBlock()) {
                        scope.notMapped(s, "an instance name outside group { }: keepalived reads it as an unknown "
                                + "keyword; write group { " + s.keyword() + " ... }");
                    } else {
                        scope.notMapped(s, Unmapped.why(s.keyword()));
                    }
                }
            }
        }
        YamlNode.ListNode instances = new YamlNode.ListNode();
        List<String> kept = new ArrayList<>();
        for (String member : group.members()) {
            String other = memberOf.get(member);
            if (!mapped.contains(member)) {
                scope.notMapped("member " + member + " of " + group.statement().text() + " (no vrrp_instance of "
                        + "that name was mapped)", group.statement().place());
            } else if (other != null || kept.contains(member)) {
                scope.notMapped("member " + member + " of " + group.statement().text() + " (already in "
                        + (other != null ? "vrrp_sync_group " + other : "this group") + ")", group.statement().place());
            } else {
                kept.add(member);
                instances.add(YamlNode.text(member));
            }
        }
        if (!hasGroup) {
            return "no group { } block: keepalived removes a sync group without members (vrrp_sync_group_end_handler)";
        }
        if (kept.size() < 2) {
            return "fewer than 2 instances floatip can keep in step";
        }
        kept.forEach(member -> memberOf.put(member, group.name()));
        out.put("instances", instances);
        YamlNode.MapNode notify = NotifyMapper.read(notifies, scope);
        if (!notify.entries().isEmpty()) {
            out.put("notify", notify);
        }
        return null;
    }
}
