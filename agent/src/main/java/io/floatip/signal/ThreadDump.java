package io.floatip.signal;

import java.util.Comparator;
import java.util.Map;

/**
 * A thread dump for SIGQUIT in the sigwait mode, where -Xrs has taken the JVM's own: close to its format (a
 * quoted name, id, daemon, priority, then the state and the frames), so the usual tools and eyes read it. No
 * lock or native detail: Thread.getAllStackTraces has none; `jcmd PID Thread.print` still gives the JVM's own.
 */
public final class ThreadDump {
    private ThreadDump() {
    }

    public static String of(Map<Thread, StackTraceElement[]> threads) {
        StringBuilder out = new StringBuilder(8192);
        out.append("Full thread dump ").append(System.getProperty("java.vm.name")).append(" (")
                .append(System.getProperty("java.vm.version")).append("), taken by floatip on SIGQUIT:\n\n");
        threads.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getKey().getId()))
                .forEach(e -> thread(out, e.getKey(), e.getValue()));
        return out.toString();
    }

    private static void thread(StringBuilder out, Thread t, StackTraceElement[] frames) {
        out.append('"').append(t.getName()).append("\" #").append(t.getId());
        if (t.isDaemon()) {
            out.append(" daemon");
        }
        out.append(" prio=").append(t.getPriority()).append('\n');
        out.append("   java.lang.Thread.State: ").append(t.getState()).append('\n');
        for (StackTraceElement frame : frames) {
            out.append("\tat ").append(frame).append('\n');
        }
        out.append('\n');
    }
}
