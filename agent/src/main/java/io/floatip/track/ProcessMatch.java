package io.floatip.track;

import io.floatip.config.ProcessConfig;
import java.util.List;

/**
 * Whether a running process is one a {@link ProcessConfig} follows: by its name as the kernel keeps it
 * (/proc/PID/comm), or by the first words of its command line (argv[0] exactly as the process has it). Pure.
 */
public record ProcessMatch(String processName, List<String> command) {

    public static ProcessMatch of(ProcessConfig c) {
        return new ProcessMatch(c.processName(), c.command());
    }

    /** Whether {@link #matches} needs the command line (reading it costs a second file per process). */
    public boolean needsCommandLine() {
        return processName == null;
    }

    /** @param argv the command line's words, or an empty list for a kernel thread or a zombie */
    public boolean matches(String comm, List<String> argv) {
        if (processName != null) {
            return processName.equals(comm);
        }
        if (argv.size() < command.size()) {
            return false;
        }
        for (int i = 0; i < command.size(); i++) {
            if (!command.get(i).equals(argv.get(i))) {
                return false;
            }
        }
        return true;
    }
}
