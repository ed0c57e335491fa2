package io.floatip.config;

import java.util.List;
import java.util.Objects;

/**
 * A process the agent follows (keepalived's vrrp_track_process): matched by its name as the kernel shows it
 * (/proc/PID/comm, at most 15 bytes), or by its command line's first words; up while at least {@code quorum}
 * such processes run.
 *
 * @param processName the comm to match, or null when {@code command} is given
 * @param command     the words the command line must start with (argv[0] exactly as the process has it), or empty
 * @param delayMillis how long the count must stay below quorum before it counts as down
 * @param weight      0: FAULT while below quorum; otherwise added while up (positive) or while down (negative)
 */
public record ProcessConfig(String name, String processName, List<String> command, int quorum, long delayMillis,
        int weight) {

    /** The kernel keeps TASK_COMM_LEN (16) bytes of a process name, its terminating NUL included. */
    public static final int MAX_PROCESS_NAME_BYTES = 15;
    public static final int MAX_QUORUM = 1000;
    public static final long MAX_DELAY_MILLIS = 3_600_000;

    public ProcessConfig {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        if ((processName == null) == command.isEmpty()) {
            throw new IllegalArgumentException("process " + name + " needs exactly one of a name or a command");
        }
        if (quorum < 1 || quorum > MAX_QUORUM) {
            throw new IllegalArgumentException("process " + name + " quorum must be 1.." + MAX_QUORUM + ": " + quorum);
        }
        if (delayMillis < 0 || delayMillis > MAX_DELAY_MILLIS) {
            throw new IllegalArgumentException("process " + name + " delay out of range: " + delayMillis);
        }
        Weights.require("tracked process " + name, weight);
    }
}
