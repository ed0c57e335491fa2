package io.floatip.agent;

import io.floatip.config.Command;
import io.floatip.config.NotifyConfig;
import io.floatip.notify.NotifyFifo;
import io.floatip.notify.NotifyQueue;
import io.floatip.router.State;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an instance's or a group's state changes into keepalived's notifications: the state's own command
 * (notify master/backup/fault/stop) then `any` with INSTANCE|GROUP, name, state, priority appended, then the
 * FIFO line; all through one ordered queue per instance or group.
 */
final class Notifications {
    private final String kind;
    private final String name;
    private final NotifyConfig config;
    private final NotifyQueue queue;
    private final NotifyFifo fifo;

    /** @param queue null when the config has no notify commands; @param fifo null without notify_fifo */
    Notifications(String kind, String name, NotifyConfig config, NotifyQueue queue, NotifyFifo fifo) {
        this.kind = kind;
        this.name = name;
        this.config = config;
        this.queue = queue;
        this.fifo = fifo;
    }

    /** INIT is reached only by stopping, which keepalived reports as STOP. */
    static String word(State to) {
        return to == State.INIT ? "STOP" : to.name();
    }

    void changed(State to, int priority) {
        String state = word(to);
        Command own = switch (to) {
            case MASTER -> config.master();
            case BACKUP -> config.backup();
            case FAULT -> config.fault();
            case INIT -> config.stop();
        };
        if (queue != null) {
            if (own != null) {
                queue.submit(own.argv());
            }
            if (config.any() != null) {
                List<String> argv = new ArrayList<>(config.any().argv());
                argv.addAll(List.of(kind, name, state, Integer.toString(priority)));
                queue.submit(argv);
            }
        }
        if (fifo != null) {
            fifo.write(NotifyFifo.line(kind, name, state, priority));
        }
    }

    /**
     * A split brain confirmed on this instance (see SplitBrain): {@code any} gets CONFLICT as the state, and the
     * FIFO the same line, as keepalived's FIFO carries MASTER_RX_LOWER_PRI next to the states. The state's own
     * commands are not run: the instance is still MASTER.
     */
    void conflict(int priority) {
        if (queue != null && config.any() != null) {
            List<String> argv = new ArrayList<>(config.any().argv());
            argv.addAll(List.of(kind, name, CONFLICT, Integer.toString(priority)));
            queue.submit(argv);
        }
        if (fifo != null) {
            fifo.write(NotifyFifo.line(kind, name, CONFLICT, priority));
        }
    }

    static final String CONFLICT = "CONFLICT";

    NotifyQueue queue() {
        return queue;
    }
}
