package io.floatip.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the YAML config of one node of a lab pair: one instance on eth0, as the demo and the tests use it. */
public final class PairConfig {
    private PairConfig() {
    }

    /**
     * @param intervalCentis advert interval in centiseconds (10 = 100 ms; VRRPv2 needs multiples of 100)
     * @param extra          more instance keys, already indented by 4 spaces (or "")
     */
    public static Path write(Path dir, String node, int version, int priority, int intervalCentis, boolean preempt,
                             String vip, String extra) {
        String yaml = """
                # written by floatip's lab for %s
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    priority: %d
                    version: %d
                    advert_interval: %dms
                    preempt: %b
                    virtual_ips: [%s]
                %s""".formatted(node, priority, version, intervalCentis * 10, preempt, vip, extra);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(node + ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
