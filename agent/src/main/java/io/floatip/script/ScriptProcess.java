package io.floatip.script;

import io.floatip.os.LibC;
import io.floatip.track.ScriptOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one check or notify script to its end, the way keepalived operators expect and safer than keepalived:
 * in a session and process group of its own (so a timeout kills its children too), as the script user, with
 * a clean environment (no LD_PRELOAD, LD_LIBRARY_PATH, IFS from the agent's). On timeout: SIGTERM to the
 * group, SIGKILL {@link #KILL_AFTER_MILLIS} later. Blocks the calling thread, never the event loop.
 */
public final class ScriptProcess {
    public static final long KILL_AFTER_MILLIS = 2000;
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * Where the helpers (util-linux's setsid and setpriv, coreutils' env) are taken from: the distribution's
     * directories only. The scripts' PATH starts at /usr/local/sbin, where anything installed by hand would
     * run in front of every script as root (issue 16 item 7).
     */
    static final List<String> HELPER_DIRS = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");

    /**
     * The helpers by absolute path: given a bare name, the JDK's child searches the agent's own PATH, one
     * failed execve per entry before the right one, at every start of every check.
     */
    static final String SETSID = helper("setsid");
    static final String SETPRIV = helper("setpriv");

    /**
     * In the launcher's sigwait mode the agent runs with TERM, INT, HUP and QUIT blocked, and a child keeps
     * its parent's mask across exec: a bash script would then ignore the timeout's SIGTERM, and a daemon a
     * notify script starts would keep them blocked for good. env unblocks them first (one more exec, ~0.7 ms
     * a start here); without the mode, nothing.
     */
    static final List<String> UNBLOCK = io.floatip.signal.Signals.blockedInThisThread()
            ? List.of(helper("env"), "--default-signal=HUP,INT,QUIT,TERM") : List.of();

    private final ScriptUser user;

    /** @param user who scripts run as; {@link ScriptUser#SAME} keeps the agent's user */
    public ScriptProcess(ScriptUser user) {
        this.user = user;
    }

    /**
     * The command line actually executed: env when signals must be unblocked, setsid, then setpriv when
     * switching user, then the script.
     */
    List<String> commandLine(List<String> argv) {
        return commandLine(UNBLOCK, argv);
    }

    List<String> commandLine(List<String> unblock, List<String> argv) {
        List<String> cmd = new ArrayList<>(unblock);
        // env and setsid exec in place (the JVM's child is no group leader): the pid is the script's and its pgid.
        cmd.add(SETSID);
        for (String word : user.prefix()) {
            cmd.add(word.equals("setpriv") ? SETPRIV : word);
        }
        cmd.addAll(argv);
        return cmd;
    }


    /**
     * {@code name} in the first of {@link #HELPER_DIRS} that has it as a root-owned file no one else may
     * change (in a directory no one else may change); else the bare name, which then fails to start with
     * a plain error rather than run something unsafe.
     */
    static String helper(String name) {
        for (String dir : HELPER_DIRS) {
            java.nio.file.Path p = java.nio.file.Path.of(dir, name);
            if (java.nio.file.Files.isRegularFile(p) && java.nio.file.Files.isExecutable(p) && rootsOnly(p)
                    && rootsOnly(p.getParent())) {
                return p.toString();
            }
        }
        return name;
    }

    /** Owned by root and writable by no one else (following links: what runs is the target). */
    static boolean rootsOnly(java.nio.file.Path p) {
        try {
            java.util.Map<String, Object> a = java.nio.file.Files.readAttributes(p, "unix:uid,mode");
            return (Integer) a.get("uid") == 0 && ((Integer) a.get("mode") & 022) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code name} in the first directory of the scripts' PATH that has it, else the bare name. */
    static String onPath(String name) {
        for (String dir : PATH.split(":")) {
            java.nio.file.Path p = java.nio.file.Path.of(dir, name);
            if (java.nio.file.Files.isRegularFile(p) && java.nio.file.Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return name;
    }

    /**
     * The command line of a program that runs as long as the agent (notify_fifo_script): as a script's, with
     * setpriv's --pdeathsig=TERM, set after any user switch (which would clear it): an agent killed with
     * SIGKILL leaves no reader behind, as keepalived's PR_SET_PDEATHSIG in system_call_script does. The
     * signal follows the thread that started the process, so that thread must live as long as it does.
     */
    List<String> daemonCommandLine(List<String> argv) {
        List<String> cmd = new ArrayList<>(UNBLOCK);
        cmd.add(SETSID);
        List<String> prefix = user.prefix().isEmpty() ? List.of("setpriv", "--") : user.prefix();
        for (String word : prefix) {
            if (word.equals("--")) {
                cmd.add(PDEATHSIG);
            }
            cmd.add(word.equals("setpriv") ? SETPRIV : word);
        }
        cmd.addAll(argv);
        return cmd;
    }

    static final String PDEATHSIG = "--pdeathsig=TERM";

    /**
     * Starts a program that runs as long as the agent, with a script's user, session, group and environment;
     * its output is discarded (as keepalived's set_std_fd does), its stdin is /dev/null. Its pid is its pgid.
     */
    public Process startDaemon(List<String> argv) throws IOException {
        return builder(daemonCommandLine(argv), null).start();
    }

    private static ProcessBuilder builder(List<String> commandLine, java.io.File output) {
        ProcessBuilder pb = new ProcessBuilder(commandLine)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(output != null ? ProcessBuilder.Redirect.to(output) : ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .directory(new java.io.File("/"));
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", PATH);
        env.put("LANG", "C");
        return pb;
    }

    public ScriptOutcome run(List<String> argv, long timeoutMillis) {
        java.io.File output = ScriptOutput.file();
        Process p;
        try {
            p = builder(commandLine(argv), output).start();
        } catch (IOException e) {
            if (output == null) {
                return ScriptOutcome.failedToStart(e.getMessage());
            }
            // The output file may be what failed (its directory removed or changed under us): a script runs
            // without its last line rather than not at all.
            output = null;
            try {
                p = builder(commandLine(argv), null).start();
            } catch (IOException again) {
                return ScriptOutcome.failedToStart(again.getMessage());
            }
        }
        try {
            if (p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                return ScriptOutcome.exit(p.exitValue(), ScriptOutput.lastLine(output));
            }
            int pgid = (int) p.pid();
            LibC.INSTANCE.kill(-pgid, LibC.SIGTERM);
            if (!p.waitFor(KILL_AFTER_MILLIS, TimeUnit.MILLISECONDS)) {
                LibC.INSTANCE.kill(-pgid, LibC.SIGKILL);
                p.waitFor(KILL_AFTER_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                // The leader is gone; its group may not be: a forked child that ignored SIGTERM.
                LibC.INSTANCE.kill(-pgid, LibC.SIGKILL);
            }
            return ScriptOutcome.timedOut(timeoutMillis, ScriptOutput.lastLine(output));
        } catch (InterruptedException e) {
            LibC.INSTANCE.kill(-(int) p.pid(), LibC.SIGKILL);
            Thread.currentThread().interrupt();
            return new ScriptOutcome(false, "interrupted");
        }
    }
}
