package io.floatip.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** floatip undrain: end a drain; the instance's own priority applies again and it preempts as usual. */
@Command(name = "undrain", mixinStandardHelpOptions = true,
        description = "End a drain: each named instance (every instance when none is named) gets its own "
                + "priority back and, with preempt, takes over again once its checks pass.")
final class UndrainCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ControlSocketOptions where;

    @CommandLine.Parameters(paramLabel = "INSTANCE", arity = "0..*",
            description = "Instances to undrain (default: all).")
    List<String> instances = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return DrainCommand.run(spec, where, instances, false);
    }
}
