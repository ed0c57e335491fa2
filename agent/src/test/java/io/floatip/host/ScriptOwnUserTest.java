package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A check script's own user (keepalived's vrrp_script user): with global.script_user root, the script that
 * names {@code nobody} runs as nobody and the other as root. Each checks who it is; weight 0, so either
 * running as the wrong user keeps the instance in FAULT and the VIP away.
 */
class ScriptOwnUserTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void aScriptWithItsOwnUserRunsAsThatUserAndTheOthersAsScriptUser() throws Exception {
        Path asNobody = script("as-nobody.sh", "nobody");
        Path asRoot = script("as-root.sh", "root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Lab lab = Lab.create("suser", 1)) {
            Node n1 = lab.node(1);
            List<String> log = new CopyOnWriteArrayList<>();
            Path config = PairConfig.write(dir, n1.name(), 3, 150, 10, true, VIP + "/24", """
                        track_scripts: [mine, global]
                    global:
                      script_user: root
                    scripts:
                      mine: {command: %s, interval: 100ms, timeout: 2s, user: nobody}
                      global: {command: %s, interval: 100ms, timeout: 2s}
                    """.formatted(asNobody, asRoot));
            n1.start(AgentCommand.run(config), line -> {
                log.add(line);
                System.out.println("[n1] " + line);
            });
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP), "n1 to become master: " + log);
            Thread.sleep(500); // five more runs of each check
            assertTrue(n1.hasAddress(VIP), "still master");
            assertFalse(log.stream().anyMatch(l -> l.contains("FAULT")), "no check failed: " + log);
        }
    }

    /** A script that succeeds only when it runs as {@code user}. */
    private Path script(String name, String user) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\ntest \"$(id -un)\" = " + user + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
