package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.AgentCommand.SignalMode;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.lab.ProcessResult;
import io.floatip.signal.SignalMask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an agent takes TERM, INT, HUP and QUIT: the launcher's sigwait mode (the signals blocked from exec, -Xrs,
 * the floatip-signals thread), and the JVM's handlers where env cannot block them. A pair at 100 ms adverts,
 * n1 the master at 150.
 */
class SignalsTest {
    static final String VIP = "198.51.100.50";
    static final String PRIORITY_ZERO = "BACKUP -> MASTER (master 198.51.100.11 stopped (priority 0 advert)";
    static final String WAITER = "floatip-signals";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void sigtermInTheSigwaitModeSendsPriorityZeroReleasesTheVipAndExitsZero() throws Exception {
        requireSigwait();
        assertHandsOverOnSigterm(AgentCommand.java(SignalMode.SIGWAIT), true);
    }

    @Test
    void sighupInTheSigwaitModeReloads() throws Exception {
        requireSigwait();
        try (Lab lab = Lab.create("sghup", 1)) {
            Node n1 = lab.node(1);
            List<String> log = new CopyOnWriteArrayList<>();
            Path config = PairConfig.write(dir, n1.name(), 3, 150, 10, true, VIP + "/24", "");
            Process agent = n1.start(AgentCommand.run(SignalMode.SIGWAIT, config), line -> {
                log.add(line);
                System.out.println("[n1] " + line);
            });
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP), "n1 to hold the VIP");
            PairConfig.write(dir, n1.name(), 3, 120, 10, true, VIP + "/24", "");
            n1.signal(agent, "HUP");
            Lab.await(Duration.ofSeconds(5), () -> log.stream().anyMatch(l -> l.contains("reload: VI_1: priority 150 "
                    + "-> 120")), "the reload to apply the new priority");
            assertTrue(agent.isAlive(), "a reload does not stop the agent");
            assertTrue(n1.hasAddress(VIP));
        }
    }

    @Test
    void sigquitInTheSigwaitModePrintsAThreadDumpAndTheMasterKeepsItsVip() throws Exception {
        requireSigwait();
        try (Lab lab = Lab.create("sgquit", 2)) {
            Node a = lab.node(1);
            Node b = lab.node(2);
            List<String> logA = new CopyOnWriteArrayList<>();
            List<String> logB = new CopyOnWriteArrayList<>();
            Process agentA = startPair(a, b, AgentCommand.java(SignalMode.SIGWAIT), logA, logB);
            Lab.await(Duration.ofSeconds(15), () -> a.hasAddress(VIP) && !b.hasAddress(VIP), "n1 to hold the VIP");

            // Two agents started together may both take over once before n2 hears n1 (each starts as a backup):
            // only what n2 says from the signal on counts.
            int linesB = logB.size();
            a.signal(agentA, "QUIT");
            Lab.await(Duration.ofSeconds(5), () -> logA.stream().anyMatch(l -> l.startsWith("\"" + WAITER + "\" #")),
                    "the thread dump");
            assertTrue(logA.stream().anyMatch(l -> l.startsWith("Full thread dump ")), "its header: " + logA);
            assertTrue(logA.stream().anyMatch(l -> l.startsWith("\"floatip-loop\" #")), "the event loop: " + logA);
            assertTrue(logA.stream().anyMatch(l -> l.equals("   java.lang.Thread.State: RUNNABLE")), "states");
            Thread.sleep(600); // longer than n2's Master_Down_Interval (~360 ms): a silent master would be replaced
            assertTrue(agentA.isAlive(), "SIGQUIT must not end the agent");
            assertTrue(a.hasAddress(VIP) && !b.hasAddress(VIP), "n1 keeps the VIP");
            List<String> afterQuit = HostTests.linesSince(logB, linesB);
            assertTrue(afterQuit.stream().noneMatch(l -> l.contains("-> MASTER")), "n2 never took over: " + logB);

            // -Xrs starts jcmd's attach listener with the JVM: jcmd works without a SIGQUIT to wake it.
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Assumptions.assumeTrue(Files.isExecutable(jcmd), "no jcmd in this JDK");
            ProcessResult printed = a.exec(Duration.ofSeconds(30), List.of(jcmd.toString(),
                    Long.toString(agentA.pid()), "Thread.print"));
            assertTrue(printed.ok() && printed.output().contains("\"" + WAITER + "\""), printed.output());
            assertTrue(agentA.isAlive() && a.hasAddress(VIP), "n1 still the master after jcmd");
        }
    }

    /** The launcher's fallback, where env cannot block signals: the JVM's handlers, as before the mode. */
    @Test
    void withTheJvmsHandlersSigtermStillHandsOverAndExitsZero() throws Exception {
        assertHandsOverOnSigterm(AgentCommand.java(SignalMode.JVM), false);
    }

    /**
     * The mode asked for but the signals not blocked (no env before java): the agent sees it in /proc and takes
     * the JVM's handlers instead of waiting for signals some thread would take first.
     */
    @Test
    void askedForSigwaitWithoutTheSignalsBlockedTheAgentFallsBackToTheJvmsHandlers() throws Exception {
        List<String> java = AgentCommand.java(SignalMode.JVM);
        java.add("-D" + io.floatip.signal.Signals.PROPERTY + "=" + io.floatip.signal.Signals.SIGWAIT);
        assertHandsOverOnSigterm(java, false);
    }

    /** -Xrs without the signals blocked leaves no handler at all: the agent says so at start, as a warning. */
    @Test
    void xrsWithoutTheSignalsBlockedIsWarnedAbout() throws Exception {
        try (Lab lab = Lab.create("sgxrs", 1)) {
            Node n1 = lab.node(1);
            List<String> log = new CopyOnWriteArrayList<>();
            List<String> argv = AgentCommand.java(SignalMode.JVM);
            argv.addAll(AgentCommand.SIGWAIT_FLAGS);
            argv.addAll(runArgs(PairConfig.write(dir, n1.name(), 3, 150, 10, true, VIP + "/24", "")));
            n1.start(argv, line -> {
                log.add(line);
                System.out.println("[n1] " + line);
            });
            Lab.await(Duration.ofSeconds(15), () -> log.stream().anyMatch(l -> l.contains("WARN")
                    && l.contains("-Xrs but the signals are not blocked")), "the warning");
        }
    }

    /**
     * A script must not inherit the agent's blocked signals: bash keeps a mask across exec, so a check in bash
     * would ignore its timeout's SIGTERM, and whatever a notify script starts would never see one.
     */
    @Test
    void scriptsStartWithTheSignalsUnblockedInTheSigwaitMode() throws Exception {
        requireSigwait();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash (dash resets its mask)");
        try (Lab lab = Lab.create("sgscript", 1)) {
            Node n1 = lab.node(1);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path out = dir.resolve("sigblk");
            Path check = dir.resolve("mask.sh");
            Files.writeString(check, "#!/bin/bash\ngrep SigBlk /proc/$$/status > " + out + ".tmp && mv "
                    + out + ".tmp " + out + "\n");
            Files.setPosixFilePermissions(check, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path config = PairConfig.write(dir, n1.name(), 3, 150, 10, true, VIP + "/24", """
                        track_scripts: [chk_mask]
                    global:
                      script_user: root
                    scripts:
                      chk_mask: {command: %s, interval: 1s}
                    """.formatted(check));
            Process agent = n1.start(AgentCommand.run(SignalMode.SIGWAIT, config),
                    line -> System.out.println("[n1] " + line));
            Lab.await(Duration.ofSeconds(15), () -> Files.exists(out), "the check to run");
            // The first check runs as the agent starts, before its signal thread does: wait for that too.
            Lab.await(Duration.ofSeconds(10), () -> hasWaiter(threads(agent.pid())), "the sigwait mode's thread");
            SignalMask mask = SignalMask.fromStatus(Files.readString(out));
            assertFalse(mask.blocksAny(SignalMask.TAKEN), "the script's mask: " + Files.readString(out));
        }
    }

    // ---- helpers ----

    /**
     * n1 started with {@code java}, SIGTERM: n2 takes over on the priority 0 advert, n1 exits 0 without the VIP.
     * In the sigwait mode every thread of the JVM blocks the four, so none can take a default action (the end
     * of the process, without a priority 0 advert); floatip-signals shows them unblocked only while it waits
     * in sigwaitinfo, which is how the kernel hands them to it. No handler is installed for any of them.
     */
    private void assertHandsOverOnSigterm(List<String> java, boolean sigwait) throws Exception {
        try (Lab lab = Lab.create("sgterm", 2)) {
            Node a = lab.node(1);
            Node b = lab.node(2);
            List<String> logB = new CopyOnWriteArrayList<>();
            Process agentA = startPair(a, b, java, new CopyOnWriteArrayList<>(), logB);
            Lab.await(Duration.ofSeconds(15), () -> a.hasAddress(VIP) && !b.hasAddress(VIP), "n1 to hold the VIP");
            if (sigwait) { // its signal thread starts once the agent has started, a moment after the VIP maybe
                Lab.await(Duration.ofSeconds(10), () -> hasWaiter(threads(agentA.pid())), "the " + WAITER + " thread");
            }
            Map<String, String> threads = threads(agentA.pid());
            assertEquals(sigwait, hasWaiter(threads), "a " + WAITER + " thread: " + threads.keySet());
            if (sigwait) {
                threads.forEach((name, status) -> {
                    if (!name.endsWith(" " + WAITER)) {
                        assertTrue(SignalMask.fromStatus(status).blocksAll(SignalMask.TAKEN), name + ": " + status);
                    }
                    assertEquals(0, caught(status) & 0x4007, name + " has a handler for one of them: " + status);
                });
            }
            Thread.sleep(500); // let n2 learn the master's interval from a few adverts
            a.signal(agentA, "TERM");
            Lab.await(Duration.ofSeconds(5), () -> b.hasAddress(VIP), "n2 to take the VIP");
            assertTrue(agentA.waitFor(2, TimeUnit.SECONDS), "agent exits within two seconds of SIGTERM");
            assertEquals(0, agentA.exitValue());
            assertFalse(a.hasAddress(VIP), "the stopped agent released the VIP");
            Lab.await(Duration.ofSeconds(2), () -> logB.stream().anyMatch(l -> l.contains(PRIORITY_ZERO)),
                    "n2 to take over on the priority 0 advert, not on Master_Down_Interval");
        }
    }

    private static void requireSigwait() {
        Assumptions.assumeTrue(AgentCommand.LAUNCHERS == SignalMode.SIGWAIT,
                "env cannot block signals here (GNU coreutils before 8.31): the launcher uses the JVM's handlers");
    }

    private Process startPair(Node a, Node b, List<String> javaA, List<String> logA, List<String> logB) {
        List<String> argv = new ArrayList<>(javaA);
        argv.addAll(runArgs(PairConfig.write(dir, a.name(), 3, 150, 10, true, VIP + "/24", "")));
        Process pa = a.start(argv, line -> {
            logA.add(line);
            System.out.println("[n1] " + line);
        });
        b.start(AgentCommand.run(PairConfig.write(dir, b.name(), 3, 100, 10, true, VIP + "/24", "")), line -> {
            logB.add(line);
            System.out.println("[n2] " + line);
        });
        return pa;
    }

    /** After java's own flags: the class path, the main class and `run` with its config and socket. */
    private static List<String> runArgs(Path config) {
        List<String> run = AgentCommand.run(SignalMode.JVM, config);
        return run.subList(run.indexOf("-cp"), run.size());
    }

    /** Each thread's "TID name" and /proc status text (the JVM has several threads of one name). */
    private static Map<String, String> threads(long pid) {
        Map<String, String> threads = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String status;
                try {
                    status = Files.readString(task.resolve("status"));
                } catch (java.nio.file.NoSuchFileException e) {
                    continue; // that thread ended meanwhile
                }
                String name = status.lines().filter(l -> l.startsWith("Name:")).findFirst().orElse("Name:?")
                        .substring(5).strip();
                threads.put(task.getFileName() + " " + name, status);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return threads;
    }

    private static boolean hasWaiter(Map<String, String> threads) {
        return threads.keySet().stream().anyMatch(k -> k.endsWith(" " + WAITER));
    }

    /** SigCgt: the signals with a handler, one mask for the whole process. */
    private static long caught(String status) {
        return status.lines().filter(l -> l.startsWith("SigCgt:")).findFirst()
                .map(l -> Long.parseUnsignedLong(l.substring(7).strip(), 16)).orElse(0L);
    }
}
