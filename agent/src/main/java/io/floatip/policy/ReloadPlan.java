package io.floatip.policy;

import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import io.floatip.config.TrackedScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a reload from one config to the next does, decided before anything is touched: removed instances
 * first, then each instance of the new config in its order (kept, changed in place, replaced or added), then
 * the links, then a word on what waits for the next start. Pure; the agent's executor applies the steps.
 */
public final class ReloadPlan {
    private ReloadPlan() {
    }

    public static List<ReloadStep> between(Config before, Config next) {
        List<ReloadStep> steps = new ArrayList<>();
        for (String name : before.instances().keySet()) {
            if (!next.instances().containsKey(name)) {
                steps.add(new ReloadStep.Remove(name));
            }
        }
        List<String> changedScripts = changedScripts(before, next);
        for (InstanceConfig ic : next.instances().values()) {
            InstanceConfig old = before.instances().get(ic.name());
            boolean scriptChanged = false;
            for (TrackedScript ts : ic.trackScripts()) {
                scriptChanged |= changedScripts.contains(ts.name());
            }
            if (old == null) {
                steps.add(new ReloadStep.Add(ic));
            } else if (scriptChanged || !InstanceChange.inPlace(old, ic)) {
                steps.add(new ReloadStep.Replace(ic));
            } else if (old.equals(ic)) {
                steps.add(new ReloadStep.Keep(ic.name()));
            } else {
                steps.add(new ReloadStep.Reconfigure(ic, InstanceChange.between(old, ic)));
            }
        }
        steps.add(new ReloadStep.RefreshLinks());
        if (!Objects.equals(before.global(), next.global()) || !before.syncGroups().equals(next.syncGroups())) {
            steps.add(new ReloadStep.AtNextStart());
        }
        if (!before.processes().equals(next.processes())) {
            steps.add(new ReloadStep.ProcessesAtNextStart());
        }
        return List.copyOf(steps);
    }

    /** Check scripts the old config ran whose definition changed or that are gone: they stop. */
    public static List<String> changedScripts(Config before, Config next) {
        List<String> changed = new ArrayList<>();
        for (String name : before.scripts().keySet()) {
            if (!Objects.equals(before.scripts().get(name), next.scripts().get(name))) {
                changed.add(name);
            }
        }
        return changed;
    }

    /** The reload's lines, in step order; "no changes" when there are none. */
    public static List<String> messages(List<ReloadStep> steps) {
        List<String> lines = new ArrayList<>();
        for (ReloadStep s : steps) {
            if (s.message() != null) {
                lines.add(s.message());
            }
        }
        return lines;
    }
}
