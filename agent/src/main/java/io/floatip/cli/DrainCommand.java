package io.floatip.cli;

import io.floatip.control.ControlClient;
import io.floatip.control.ControlException;
import io.floatip.control.DrainResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** floatip drain: take this node out of service for maintenance, until floatip undrain; survives restarts. */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Take this node out of service for maintenance: each named instance (every instance when "
                + "none is named) hands over at once if it is master (priority 0 advert) and then stays BACKUP "
                + "at priority 1, so it becomes master only if no other node can. The drain is kept in "
                + "global.state_dir and survives restarts and reboots; floatip undrain ends it.")
final class DrainCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ControlSocketOptions where;

    @CommandLine.Parameters(paramLabel = "INSTANCE", arity = "0..*", description = "Instances to drain (default: all).")
    List<String> instances = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return run(spec, where, instances, true);
    }

    /** Shared with undrain: exit 0 when applied, 1 with the reason when not. */
    static int run(CommandLine.Model.CommandSpec spec, ControlSocketOptions where, List<String> instances,
            boolean on) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String name : instances) {
            if (name.isBlank() || name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                err.println("floatip: cannot name instance '" + name + "' in a request (it has spaces or control "
                        + "characters); run without names to " + (on ? "drain" : "undrain") + " every instance");
                err.flush();
                return 1;
            }
        }
        DrainResult result;
        ControlSocketOptions.Target target = where.target(spec);
        try {
            result = ControlClient.drain(target.socket(), instances, on);
        } catch (ControlException e) {
            ControlSocketOptions.explain(spec, target, e.getMessage());
            err.flush();
            return 1;
        }
        if (!result.applied()) {
            result.messages().forEach(m -> err.println("floatip: " + m));
            err.flush();
            return 1;
        }
        result.messages().forEach(out::println);
        out.println(result.drained().isEmpty() ? "drained: none" : "drained: " + String.join(", ", result.drained()));
        out.flush();
        return 0;
    }
}
