package io.floatip.bench;

import io.floatip.lab.Host;
import io.floatip.lab.KeepalivedConfig;
import io.floatip.lab.KeepalivedFiles;
import io.floatip.lab.Lab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * keepalived 2.2.7 (Debian's) with the lab's own files and command line (KeepalivedFiles: foreground, VRRP
 * child only, log to our pipe). The config is the lab's KeepalivedConfig text; the benchmark adds what that
 * builder has no call for (several instances, vrrp_script) around it. Both nodes start in state BACKUP, as
 * floatip always does (it listens for Master_Down_Interval first); priority 255 starts as MASTER.
 */
final class Keepalived implements AgentKind {
    private static final AtomicInteger STARTS = new AtomicInteger();

    @Override
    public String name() {
        return "keepalived";
    }

    /** keepalived 2.2.7 refuses a vrrp_script interval below one second, and takes whole seconds. */
    @Override
    public int checkIntervalMillis(int askedMillis) {
        return scriptSeconds(askedMillis) * 1000;
    }

    private static int scriptSeconds(int askedMillis) {
        return Math.max(1, Math.round(askedMillis / 1000f));
    }

    @Override
    public Running start(Host node, Spec spec, Path workDir) {
        return start(node, spec.tag(), text(spec), workDir);
    }

    /** Starts keepalived on {@code node} with this keepalived.conf text (the proxy mode's). */
    Running start(Host node, String tag, String config, Path workDir) {
        Running running = launch(node, tag, config, workDir);
        Lab.await(Duration.ofSeconds(20), () -> running.log().stream().anyMatch(l -> l.contains("Entering BACKUP STATE")
                || l.contains("Entering MASTER STATE") || l.contains("Entering FAULT STATE"))
                || running.awaitExit(Duration.ZERO), "keepalived on " + node.name() + " to start");
        if (running.awaitExit(Duration.ZERO)) {
            throw new IllegalStateException("keepalived on " + node.name() + " exited: "
                    + String.join("\n", running.log()));
        }
        return running;
    }

    /** Starts keepalived and returns at once, whatever it says (the proxy mode's look at vrrp_track_process). */
    Running launch(Host node, String tag, String config, Path workDir) {
        KeepalivedFiles files = KeepalivedFiles.in(workDir.resolve("keepalived"),
                node.name() + "-" + tag + "-" + STARTS.incrementAndGet());
        write(files.config(), config);
        List<String> log = new CopyOnWriteArrayList<>();
        Process process = node.start(files.argv(), log::add);
        Running running = new Running() {
            @Override
            public List<Long> pids() {
                List<Long> pids = new ArrayList<>();
                pids.add(process.pid());
                process.toHandle().children().forEach(h -> pids.add(h.pid()));
                return pids;
            }

            @Override
            public void terminate() {
                process.destroy(); // SIGTERM to the parent, by pid: it stops its VRRP child (priority 0 advert)
            }

            @Override
            public boolean awaitExit(Duration timeout) {
                return AgentKind.awaitExit(process, timeout);
            }

            @Override
            public int masterEntries() {
                return (int) log.stream().filter(l -> l.contains("Entering MASTER STATE")).count();
            }

            @Override
            public int masterExits() {
                // keepalived logs the state it enters, not the one it leaves: count entries after a MASTER.
                int exits = 0;
                boolean master = false;
                for (String l : log) {
                    if (l.contains("Entering MASTER STATE")) {
                        master = true;
                    } else if (master && (l.contains("Entering BACKUP STATE") || l.contains("Entering FAULT STATE"))) {
                        exits++;
                        master = false;
                    }
                }
                return exits;
            }

            @Override
            public List<String> log() {
                return List.copyOf(log);
            }
        };
        return running;
    }

    static String text(Spec spec) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= spec.instances(); i++) {
            KeepalivedConfig c = KeepalivedConfig.instance("VI_" + i)
                    .virtualRouterId(AgentKind.vrid(i))
                    .priority(spec.priority())
                    .advertInt(spec.intervalCentis() / 100.0)
                    .realtimePriority(Floatip.realtime())
                    .state(spec.priority() == 255 ? KeepalivedConfig.State.MASTER : KeepalivedConfig.State.BACKUP)
                    .virtualIp(AgentKind.vip(i) + "/24");
            String text = c.text();
            int instance = text.indexOf("vrrp_instance ");
            if (i == 1) {
                String head = text.substring(0, instance);
                if (spec.checks() != null) {
                    head = withScripts(head, spec.checks());
                }
                out.append(head);
            }
            String body = text.substring(instance);
            if (i == 1 && spec.checks() != null) {
                int end = body.lastIndexOf('}');
                body = body.substring(0, end)
                        + "    track_script {\n        chk_slow\n        chk_fast\n    }\n" + body.substring(end);
            }
            out.append(body).append('\n');
        }
        return out.toString();
    }

    /** Script security on, scripts as root (the files are root's), and the two checks (both at 1 s here). */
    private static String withScripts(String head, Checks c) {
        int close = head.indexOf("}\n");
        String global = head.substring(0, close) + "    script_user root\n    enable_script_security\n"
                + head.substring(close);
        return global + script("chk_slow", c.script(), c.slowFile(), 1000)
                + script("chk_fast", c.script(), c.fastFile(), c.fastMillis());
    }

    private static String script(String name, Path script, Path file, int askedMillis) {
        return """
                vrrp_script %s {
                    script "%s %s"
                    interval %d
                    fall 2
                    rise 2
                    weight -60
                }

                """.formatted(name, script, file, scriptSeconds(askedMillis));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
