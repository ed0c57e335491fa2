package io.floatip.cli;

import io.floatip.control.ControlClient;
import io.floatip.control.ControlException;
import io.floatip.control.ReloadResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Asks the running agent to re-read its config: exit 0 when applied, 1 (and the errors) when not. */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make the running agent re-read its config. A config with errors is not applied: the "
                + "agent keeps running the old one and the errors are printed.")
final class ReloadCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ControlSocketOptions where;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ControlSocketOptions.Target target = where.target(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReloadResult result;
        try {
            result = ControlClient.reload(target.socket());
        } catch (ControlException e) {
            ControlSocketOptions.explain(spec, target, e.getMessage());
            return 1;
        }
        if (result.applied()) {
            if (result.messages().isEmpty()) {
                out.println("reloaded");
            }
            result.messages().forEach(out::println);
            out.flush();
            return 0;
        }
        err.println("floatip: the config was not applied; the agent keeps running the one it had");
        result.messages().forEach(err::println);
        err.flush();
        return 1;
    }
}
