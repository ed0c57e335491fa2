package io.floatip.agent;

import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import io.floatip.control.ReloadResult;
import io.floatip.policy.ReloadPlan;
import io.floatip.policy.ReloadStep;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link ReloadPlan} on the running agent, step by step, on the loop thread: the one place a
 * reload touches instances, links and tracking. A step that fails (an interface gone) says so in its line;
 * the others still apply.
 */
final class ReloadExecutor {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final Instances instances;
    private final TrackingSetup tracking;
    /** This reload's lines that say an instance could not start: logged as warnings. */
    private final java.util.Set<String> notStarted = new java.util.HashSet<>();

    ReloadExecutor(Instances instances, TrackingSetup tracking) {
        this.instances = instances;
        this.tracking = tracking;
    }

    ReloadResult apply(Config before, Config next) {
        List<ReloadStep> steps = ReloadPlan.between(before, next);
        tracking.replaceConfig(next, ReloadPlan.changedScripts(before, next));
        List<String> messages = new ArrayList<>();
        for (ReloadStep step : steps) {
            String line = apply(step, next);
            if (line != null) {
                messages.add(line);
            }
        }
        if (messages.isEmpty()) {
            messages.add("no changes");
        }
        for (String m : messages) {
            if (notStarted.remove(m)) {
                log.warn("reload: {}", m); // the reload applied, but this instance does not run
            } else {
                log.info("reload: {}", m);
            }
        }
        notStarted.clear();
        return new ReloadResult(true, messages);
    }

    /** One step; its line, or null. An instance a step expects but that could not start before is added. */
    private String apply(ReloadStep step, Config next) {
        if (step instanceof ReloadStep.Add a) {
            return add(a.next(), a.message(), next);
        }
        if (step instanceof ReloadStep.Remove r) {
            Instance old = instances.named(r.name());
            if (old == null) {
                return null;
            }
            instances.remove(old);
            return r.message();
        }
        if (step instanceof ReloadStep.RefreshLinks) {
            instances.refreshLinks();
            return null;
        }
        if (step instanceof ReloadStep.AtNextStart || step instanceof ReloadStep.ProcessesAtNextStart) {
            return step.message();
        }
        InstanceConfig ic = step instanceof ReloadStep.Keep k ? next.instances().get(k.name())
                : step instanceof ReloadStep.Reconfigure r ? r.next() : ((ReloadStep.Replace) step).next();
        Instance old = instances.named(ic.name());
        if (old == null) {
            return add(ic, new ReloadStep.Add(ic).message(), next);
        }
        if (step instanceof ReloadStep.Reconfigure r) {
            instances.openVipLinks(r.next(), next);
            old.reconfigure(r.next());
        } else if (step instanceof ReloadStep.Replace) {
            instances.remove(old);
            return add(ic, step.message(), next);
        }
        return step.message();
    }

    private String add(InstanceConfig ic, String message, Config next) {
        try {
            instances.add(ic, next);
            return message;
        } catch (AgentException e) {
            String line = ic.name() + ": not started: " + e.getMessage();
            notStarted.add(line);
            return line;
        }
    }

    /** Whether any instance holds routes or rules: only then are their deletions watched (a BGP router's churn). */
    static boolean holdsRouting(Config c) {
        return c.instances().values().stream().anyMatch(ic -> !ic.routing().isEmpty());
    }
}
