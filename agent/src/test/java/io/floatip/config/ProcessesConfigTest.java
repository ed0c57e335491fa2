package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessesConfigTest {
    static String config(String processes, String track) {
        return """
                processes:
                %s
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50/24]
                    track_processes: %s
                """.formatted(processes, track);
    }

    private static List<String> errors(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parseWithoutHostChecks(yaml, "f.yaml")).errors();
    }

    @Test
    void byNameOrByCommandWithQuorumDelayAndWeight() throws ConfigException {
        Config c = ConfigLoader.parseWithoutHostChecks(config("""
                  haproxy: {name: haproxy, quorum: 2, delay: 500ms, weight: -60}
                  nginx: {command: [/usr/sbin/nginx, -g, daemon off;]}
                """, "[haproxy, {name: nginx, weight: -10}]"), "f.yaml");
        assertEquals(new ProcessConfig("haproxy", "haproxy", List.of(), 2, 500, -60), c.processes().get("haproxy"));
        assertEquals(new ProcessConfig("nginx", null, List.of("/usr/sbin/nginx", "-g", "daemon off;"), 1, 0, 0),
                c.processes().get("nginx"));
        assertEquals(List.of(new TrackedProcess("haproxy", -60), new TrackedProcess("nginx", -10)),
                c.instances().get("VI_1").trackProcesses());
    }

    @Test
    void mistakesAreNamedWhereTheyAre() {
        assertEquals(List.of("f.yaml:2:6: processes.a: needs name (the process name, as ps -o comm shows it) or "
                + "command (the command line's first words)"), errors(config("  a: {quorum: 1}", "[a]")));
        assertEquals(List.of("f.yaml:2:6: processes.a: has both name and command; give one: name matches the process "
                + "name (comm), command its command line"), errors(config("  a: {name: x, command: [/bin/x]}", "[a]")));
        assertEquals(List.of("f.yaml:2:13: processes.a.name: is 16 bytes; the kernel keeps only the first 15 of a "
                + "process name ('haproxy-worker-'): write that, or match the command line with command"),
                errors(config("  a: {name: haproxy-worker-1}", "[a]")));
        assertEquals(List.of("f.yaml:2:13: processes.a.name: must be a process name as ps -o comm shows it (no '/'), "
                + "got '/usr/sbin/haproxy'; to match a path, use command"),
                errors(config("  a: {name: /usr/sbin/haproxy}", "[a]")));
        assertEquals(List.of("f.yaml:8:23: instances.VI_1.track_processes[0]: unknown process 'b'; processes "
                + "defined: a"), errors(config("  a: {name: x}", "[b]")));
    }
}
