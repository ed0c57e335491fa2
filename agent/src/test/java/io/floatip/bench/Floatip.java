package io.floatip.bench;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.PairConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * floatip as an operator runs it: the packaged launcher agent/bin/floatip (its lean JVM flags, which
 * io.floatip.lab.AgentCommand.JVM_FLAGS mirrors), which execs java, so the pid started is the JVM's. Every
 * run logs its GC pauses with -Xlog:gc through FLOATIP_JAVA_OPTS.
 */
final class Floatip implements AgentKind {
    private final Path launcher;
    private final String name;
    /** The jar the launcher runs (FLOATIP_JAR), or null for the build's own. */
    private final Path jar;

    Floatip(Path launcher) {
        this(launcher, "floatip", null);
    }

    /** A named build: {@code jar} (with its class-data archive beside it, if any) run by the same launcher. */
    Floatip(Path launcher, String name, Path jar) {
        this.launcher = launcher;
        this.name = name;
        this.jar = jar;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Running start(Host node, Spec spec, Path workDir) {
        return start(node, spec.tag(), writeConfig(node, spec, workDir), workDir);
    }

    /** Starts floatip on {@code node} with a config written elsewhere (the proxy mode's); {@code tag} names its GC log. */
    Running start(Host node, String tag, Path config, Path workDir) {
        Path gcLog = workDir.resolve("gc-" + tag + ".log");
        List<String> log = new CopyOnWriteArrayList<>();
        // FLOATIP_BENCH_JAVA_OPTS: JVM flags to try on the agents under test, beside the GC log.
        String extra = System.getenv().getOrDefault("FLOATIP_BENCH_JAVA_OPTS", "").strip();
        Process process = node.start(List.of("env", "FLOATIP_JAVA_OPTS=-Xlog:gc:file=" + gcLog
                + (extra.isEmpty() ? "" : " " + extra),
                "FLOATIP_JAR=" + (jar == null ? "" : jar.toString()), launcher.toString(), "run", "-c",
                config.toString(), "--control-socket", AgentCommand.socketFor(config).toString()), log::add);
        Running running = new Running() {
            @Override
            public List<Long> pids() {
                return List.of(process.pid());
            }

            @Override
            public void terminate() {
                process.destroy(); // SIGTERM, to this pid only
            }

            @Override
            public boolean awaitExit(Duration timeout) {
                return AgentKind.awaitExit(process, timeout);
            }

            @Override
            public int masterEntries() {
                return (int) log.stream().filter(l -> l.contains(" -> MASTER")).count();
            }

            @Override
            public int masterExits() {
                return (int) log.stream().filter(l -> l.contains("MASTER -> ")).count();
            }

            @Override
            public List<String> log() {
                return List.copyOf(log);
            }
        };
        Lab.await(Duration.ofSeconds(20), () -> log.stream().anyMatch(l -> l.contains(" -> BACKUP")
                || l.contains(" -> MASTER")) || !process.isAlive(), "floatip on " + node.name() + " to start");
        if (!process.isAlive()) {
            throw new IllegalStateException("floatip on " + node.name() + " exited: " + String.join("\n", log));
        }
        return running;
    }

    static Path gcLog(Path workDir, String tag) {
        return workDir.resolve("gc-" + tag + ".log");
    }

    /** FLOATIP_BENCH_REALTIME=N runs both agents real-time (floatip's realtime_priority, keepalived's
     *  vrrp_rt_priority); unset, both run as their defaults do. */
    static int realtime() {
        String v = System.getenv("FLOATIP_BENCH_REALTIME");
        return v == null || v.isBlank() ? 0 : Integer.parseInt(v.strip());
    }

    private static Path writeConfig(Host node, Spec spec, Path workDir) {
        Path dir = workDir.resolve("floatip-" + spec.tag());
        String realtime = realtime() > 0 ? "  realtime_priority: " + realtime() + "\n" : "";
        if (spec.instances() == 1) {
            String extra = realtime.isEmpty() ? "" : "global:\n" + realtime;
            if (spec.checks() != null) {
                Checks c = spec.checks();
                extra = """
                            track_scripts: [chk_slow, chk_fast]
                        global:
                          allow_root_scripts: true
                        """ + realtime + """
                        scripts:
                          chk_slow: {command: %s %s, interval: 1s, rise: 2, fall: 2, weight: -60}
                          chk_fast: {command: %s %s, interval: %dms, rise: 2, fall: 2, weight: -60}
                        """.formatted(c.script(), c.slowFile(), c.script(), c.fastFile(), c.fastMillis());
            }
            return PairConfig.write(dir, node.name(), 3, spec.priority(), spec.intervalCentis(), true,
                    AgentKind.vip(1) + "/24", extra);
        }
        // PairConfig writes one instance; several are written here in the same shape.
        StringBuilder yaml = new StringBuilder("# written by the floatip benchmark\n"
                + (realtime.isEmpty() ? "" : "global:\n" + realtime) + "instances:\n");
        for (int i = 1; i <= spec.instances(); i++) {
            yaml.append("""
                      VI_%d:
                        interface: eth0
                        vrid: %d
                        priority: %d
                        version: 3
                        advert_interval: %dms
                        virtual_ips: [%s/24]
                    """.formatted(i, AgentKind.vrid(i), spec.priority(), spec.intervalCentis() * 10,
                    AgentKind.vip(i)));
        }
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(node.name() + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
