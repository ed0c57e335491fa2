package io.floatip.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Instances that change state together (keepalived's vrrp_sync_group): when one goes to FAULT or BACKUP, so
 * do the others, so a router never holds one side of a path without the other.
 *
 * @param instances     in the order written; at least two, each once
 * @param notifications the group's {@code notify} commands (Object already has a notify method)
 */
public record SyncGroupConfig(String name, List<String> instances, NotifyConfig notifications) {

    public static final int MIN_INSTANCES = 2;

    public SyncGroupConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(notifications, "notifications");
        instances = List.copyOf(instances);
        if (instances.size() < MIN_INSTANCES) {
            throw new IllegalArgumentException("sync group " + name + " needs at least " + MIN_INSTANCES
                    + " instances: " + instances);
        }
        if (new HashSet<>(instances).size() != instances.size()) {
            throw new IllegalArgumentException("sync group " + name + " lists an instance twice: " + instances);
        }
    }
}
