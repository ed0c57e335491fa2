package io.floatip.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts a floatip agent as a process of its own, from this JVM's own class path: the
 * packaged jar when the demo runs, target/classes plus dependencies when the tests run.
 */
public final class AgentCommand {
    /** The launcher's lean flags (agent/bin/floatip): keep the two in step. */
    public static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmn1m", "-Xmx64m", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=64m",
            "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-XX:StringTableSize=4096",
            "-XX:+UnlockExperimentalVMOptions", "-XX:SymbolTableSize=4096");

    private AgentCommand() {
    }

    /** {@code java FLAGS -cp CLASSPATH io.floatip.cli.Main ARGS...} */
    public static List<String> of(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(JVM_FLAGS);
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add("io.floatip.cli.Main");
        argv.addAll(List.of(args));
        return argv;
    }

    /** Each agent gets a control socket beside its config: lab nodes share one filesystem. */
    public static List<String> run(Path config) {
        return of("run", "-c", config.toString(), "--control-socket", socketFor(config).toString());
    }

    public static Path socketFor(Path config) {
        return config.resolveSibling(config.getFileName() + ".sock");
    }
}
