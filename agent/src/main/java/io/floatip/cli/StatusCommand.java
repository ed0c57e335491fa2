package io.floatip.cli;

import io.floatip.control.ControlClient;
import io.floatip.control.ControlException;
import io.floatip.control.StatusTable;
import io.floatip.status.AgentStatus;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Asks the running agent for its status over the control socket and shows it. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running agent's instances (state, priority, VIPs, master, since when and why), "
                + "check scripts, sync groups and dropped adverts.")
final class StatusCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ControlSocketOptions where;

    @Option(names = "--json", description = "Print the agent's JSON snapshot as it is.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ControlSocketOptions.Target target = where.target(spec);
        try {
            String reply = ControlClient.request(target.socket(), "status");
            if (json) {
                spec.commandLine().getOut().print(reply);
            } else {
                AgentStatus status = ControlClient.parse(reply, AgentStatus.class);
                spec.commandLine().getOut().print(
                        StatusTable.render(status, System.currentTimeMillis(), ZoneId.systemDefault()));
            }
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ControlException e) {
            ControlSocketOptions.explain(spec, target, e.getMessage());
            return 1;
        }
    }
}
