package io.floatip.agent;

import io.floatip.config.Config;
import io.floatip.control.DrainResult;
import io.floatip.router.Router;
import io.floatip.router.State;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances the operator drained (floatip drain), kept in the state directory so a drain survives a
 * restart. Loop thread only, after {@link #load}, except {@link Applied#save}: the file is written (and
 * fsynced) by the thread that asked, off the loop, before it answers.
 */
final class Drains {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final Set<String> drained = new LinkedHashSet<>();
    private Path stateDir;

    /** At start, before any router: what was drained survives the restart. An unreadable file drains nothing. */
    void load(Config config) {
        stateDir = config.global().stateDir();
        try {
            for (String name : DrainState.load(stateDir)) {
                if (config.instances().containsKey(name)) {
                    drained.add(name);
                } else {
                    log.warn("{} drains instance {}, which the config does not have; ignored", stateDir
                            .resolve(DrainState.FILE), name);
                }
            }
        } catch (IOException e) {
            log.error("cannot read the drain state, starting with nothing drained: {}", e.getMessage());
        }
    }

    /** Loop thread, as an instance's router starts: a drained one starts drained. */
    void starting(Instance i, long now) {
        if (drained.contains(i.config().name())) {
            i.router().drain(now, true, "drained");
            log.info("{}: drained (in {}); it stays BACKUP at priority {} while another node can serve; "
                    + "floatip undrain ends it", i.config().name(), stateDir.resolve(DrainState.FILE),
                    Router.DRAINED_PRIORITY);
        }
    }

    /**
     * A drain applied to the routers, and the drained set to write before the answer goes out; {@code drained}
     * is null when nothing is to be written (an unknown name changes nothing).
     */
    record Applied(DrainResult result, Path stateDir, List<String> drained) {
        /** Not on the loop: writes the state; the answer, with a warning if it could not be written. */
        DrainResult save() {
            if (drained == null) {
                return result;
            }
            try {
                DrainState.save(stateDir, drained);
                return result;
            } catch (IOException e) {
                String m = "the drain state could not be saved in " + stateDir + " (" + e.getMessage()
                        + "): it holds until the agent restarts";
                log.error("{}", m);
                List<String> messages = new ArrayList<>(result.messages());
                messages.add("warning: " + m);
                return new DrainResult(result.applied(), result.drained(), messages);
            }
        }
    }

    /** Loop thread: drain or undrain {@code names}, every instance when empty; the caller saves the state. */
    Applied apply(List<Instance> instances, List<String> names, boolean on, long now) {
        Map<String, Instance> byName = new LinkedHashMap<>();
        instances.forEach(i -> byName.put(i.config().name(), i));
        List<String> unknown = names.stream().filter(n -> !byName.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            return new Applied(new DrainResult(false, List.copyOf(drained), List.of("no instance named "
                    + String.join(", ", unknown) + "; instances: " + String.join(", ", byName.keySet()))),
                    stateDir, null);
        }
        List<String> messages = new ArrayList<>();
        for (String name : names.isEmpty() ? byName.keySet() : names) {
            Instance i = byName.get(name);
            boolean changed = on ? drained.add(name) : drained.remove(name);
            if (!changed) {
                messages.add(name + ": already " + (on ? "drained" : "not drained"));
                continue;
            }
            State before = i.router().state();
            i.router().drain(now, on, on ? "drained by floatip drain" : "undrained by floatip undrain");
            String what = on ? (before == State.MASTER ? "drained: handed over (priority 0), stays BACKUP at "
                    + "priority " + Router.DRAINED_PRIORITY : "drained: stays BACKUP at priority "
                    + Router.DRAINED_PRIORITY)
                    : "undrained: priority " + i.router().priority() + ", preempts as usual once its checks pass";
            log.info("{}: {}", name, what);
            messages.add(name + ": " + what);
        }
        List<String> snapshot = List.copyOf(drained);
        return new Applied(new DrainResult(true, snapshot, messages), stateDir, snapshot);
    }
}
