package io.floatip.lab;

import io.floatip.control.ControlClient;
import io.floatip.status.AgentStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * floatip run in a lab node from a config file, with every line it logs stamped when the test read it (and
 * echoed to the test output), so a test can measure from one line to the next.
 */
public record LoggedAgent(Node node, Path config, List<Line> log) {
    /** A log line and when the test read it ({@link System#nanoTime()}). */
    public record Line(long at, String text) {
    }

    /** Not started yet; {@link #log} is live, it grows while the agent runs. */
    public LoggedAgent(Node node, Path config) {
        this(node, config, new CopyOnWriteArrayList<>());
    }

    public LoggedAgent start() {
        node.start(AgentCommand.run(config), text -> {
            log.add(new Line(System.nanoTime(), text));
            System.out.println("[" + node.name() + "] " + text);
        });
        return this;
    }

    /** When the first line containing {@code text} was read, or -1. */
    public long first(String text) {
        return log.stream().filter(l -> l.text().contains(text)).mapToLong(Line::at).findFirst().orElse(-1);
    }

    /** The first line containing {@code text}, or null. */
    public String line(String text) {
        return log.stream().map(Line::text).filter(t -> t.contains(text)).findFirst().orElse(null);
    }

    /** The first instance's split-brain conflict as status reports it; null while there is none or no answer. */
    public AgentStatus.ConflictStatus conflict() {
        try {
            return ControlClient.status(AgentCommand.socketFor(config)).instances().get(0).conflict();
        } catch (Exception e) {
            return null;
        }
    }
}
