package io.floatip.cli;

import io.floatip.config.ConfigLoader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import picocli.CommandLine.Command;

/**
 * Loads the classes an agent's start uses, and opens nothing: run once under
 * {@code -XX:ArchiveClassesAtExit} (the build does), it makes the class-data archive that lets the
 * launcher start the agent faster. Hidden: it is for the build, not for operators.
 */
@Command(name = "warmup", hidden = true, description = "Load the agent's classes, for a class-data archive.")
final class WarmupCommand implements Callable<Integer> {
    /** Packages the agent's start goes through; test and lab classes are not in the jar anyway. */
    static final List<String> PREFIXES = List.of("io/floatip/", "org/pcap4j/core/", "com/sun/jna/", "picocli/",
            "com/fasterxml/jackson/core/", "com/fasterxml/jackson/dataformat/yaml/", "org/yaml/snakeyaml/",
            "org/slf4j/");

    static final String SAMPLE = """
            global: {router_id: warmup, realtime_priority: 0}
            instances:
              VI_1:
                interface: eth0
                vrid: 51
                priority: 150
                advert_interval: 100ms
                virtual_ips: [198.51.100.50/24]
                unicast_peers: [198.51.100.12]
              VI_6:
                interface: eth0
                vrid: 51
                virtual_ips: [2001:db8:1::50/64]
            """;

    @Override
    public Integer call() throws Exception {
        ConfigLoader.parseWithoutHostChecks(SAMPLE, "warmup.yaml");
        Path jar = jar();
        if (jar == null) {
            return 0; // run from classes (tests): nothing to archive
        }
        ClassLoader loader = WarmupCommand.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(file.entries())) {
                String name = e.getName();
                if (name.endsWith(".class") && !name.contains("-") && PREFIXES.stream().anyMatch(name::startsWith)) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    } catch (LinkageError | ClassNotFoundException ignored) {
                        // an optional dependency's class: not one the agent uses
                    }
                }
            }
        }
        return 0;
    }

    private static Path jar() throws URISyntaxException {
        Path p = Path.of(WarmupCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isRegularFile(p) ? p : null;
    }
}
