package io.floatip.policy;

import io.floatip.config.InstanceConfig;
import java.util.List;

/** One thing a reload does; {@link #message()} is its line in the log and the reload's answer, or null. */
public sealed interface ReloadStep {
    String message();

    /** Unchanged: nothing at all happens to it, no gap in its adverts. */
    record Keep(String name) implements ReloadStep {
        @Override
        public String message() {
            return null;
        }
    }

    /** Only what may change in place changed: applied to the running instance, its state kept. */
    record Reconfigure(InstanceConfig next, List<InstanceChange> changes) implements ReloadStep {
        public Reconfigure {
            changes = List.copyOf(changes);
        }

        @Override
        public String message() {
            if (changes.isEmpty()) {
                return next.name() + ": unchanged";
            }
            StringBuilder sb = new StringBuilder(next.name()).append(": ");
            for (int i = 0; i < changes.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(changes.get(i).detail());
            }
            return sb.append(" (in place)").toString();
        }
    }

    /** Its identity, tracking or notify changed: the old one hands over like a stopping one, a new one starts. */
    record Replace(InstanceConfig next) implements ReloadStep {
        @Override
        public String message() {
            return next.name() + ": restarted (its interface, VRID, version, peers, authentication, tracking or "
                    + "notify changed)";
        }
    }

    /** New in the config: starts in INIT, as at start. */
    record Add(InstanceConfig next) implements ReloadStep {
        @Override
        public String message() {
            return next.name() + ": added";
        }
    }

    /** Gone from the config: hands over like a stopping one (priority 0, VIPs released). */
    record Remove(String name) implements ReloadStep {
        @Override
        public String message() {
            return name + ": removed (VIPs released)";
        }
    }

    /** Every link's capture filter, multicast groups and link-local address follow its instances now. */
    record RefreshLinks() implements ReloadStep {
        @Override
        public String message() {
            return null;
        }
    }

    /** The processes section is read at start only. */
    record ProcessesAtNextStart() implements ReloadStep {
        @Override
        public String message() {
            return "processes changes take effect at the next start";
        }
    }

    /** Global settings and sync groups are read at start only. */
    record AtNextStart() implements ReloadStep {
        @Override
        public String message() {
            return "global settings and sync_groups changes take effect at the next start";
        }
    }
}
