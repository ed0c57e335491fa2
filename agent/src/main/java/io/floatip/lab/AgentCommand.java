package io.floatip.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line that starts a floatip agent as a process of its own, from this JVM's own class path: the
 * packaged jar when the demo runs, target/classes plus dependencies when the tests run. Signals as the
 * launcher takes them (agent/bin/floatip), so the tests run the production path.
 */
public final class AgentCommand {
    /** The launcher's lean flags (agent/bin/floatip): keep the two in step. */
    public static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmn1m", "-Xmx64m", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=64m",
            "-XX:-UsePerfData", "-XX:+UnlockDiagnosticVMOptions",
            "-XX:AsyncDeflationInterval=60000", "-XX:GuaranteedSafepointInterval=0", "-XX:StringTableSize=4096",
            "-XX:+UnlockExperimentalVMOptions", "-XX:SymbolTableSize=4096");

    /** How an agent takes TERM, INT, HUP and QUIT; the launcher's choice is {@link #LAUNCHERS}. */
    public enum SignalMode {
        /** Blocked by env before java, -Xrs, and the agent's own thread waits for them (sigwaitinfo). */
        SIGWAIT,
        /** The JVM's handlers: the launcher's fallback where env cannot block signals. */
        JVM
    }

    /** The env that blocks signals for java's start (GNU coreutils 8.31 and later). */
    static final List<String> BLOCK = List.of("env", "--block-signal=TERM,INT,HUP,QUIT");
    public static final List<String> SIGWAIT_FLAGS = List.of("-Xrs", "-Dfloatip.signals=sigwait");

    /** What the launcher picks on this machine: probed once, as it probes. */
    public static final SignalMode LAUNCHERS = envBlocksSignals() ? SignalMode.SIGWAIT : SignalMode.JVM;

    private AgentCommand() {
    }

    /** {@code [env --block-signal=...] java FLAGS [-Xrs -Dfloatip.signals=sigwait]}, as the launcher has it. */
    public static List<String> java(SignalMode signals) {
        List<String> argv = new ArrayList<>();
        if (signals == SignalMode.SIGWAIT) {
            argv.addAll(BLOCK);
        }
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(JVM_FLAGS);
        if (signals == SignalMode.SIGWAIT) {
            argv.addAll(SIGWAIT_FLAGS);
        }
        return argv;
    }

    /**
     * {@code java FLAGS -cp CLASSPATH io.floatip.cli.Main ARGS...}, signals as the launcher takes them: the
     * sigwait mode for {@code run} only (a `floatip status` must still die on Ctrl-C).
     */
    public static List<String> of(String... args) {
        return of(args.length > 0 && args[0].equals("run") ? LAUNCHERS : SignalMode.JVM, args);
    }

    public static List<String> of(SignalMode signals, String... args) {
        List<String> argv = java(signals);
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add("io.floatip.cli.Main");
        argv.addAll(List.of(args));
        return argv;
    }

    /** Each agent gets a control socket beside its config: lab nodes share one filesystem. */
    public static List<String> run(Path config) {
        return run(LAUNCHERS, config);
    }

    public static List<String> run(SignalMode signals, Path config) {
        return of(signals, "run", "-c", config.toString(), "--control-socket", socketFor(config).toString());
    }

    public static Path socketFor(Path config) {
        return config.resolveSibling(config.getFileName() + ".sock");
    }

    private static boolean envBlocksSignals() {
        try {
            Process p = new ProcessBuilder("env", "--block-signal=TERM", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
