package io.floatip.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus files with lines dropped, swapped and broken (fixed seeds): a mistake in a keepalived.conf is an
 * {@link ImportException} of one FILE:LINE line or a warning, never another exception, and a result's load
 * errors are exactly what the loader says about its YAML.
 */
class MangledImportTest {

    private static final List<String> JUNK = List.of("{", "}", "\"", "'", "@", "@^", "\uFEFF", "vrrp_instance X {",
            "virtual_ipaddress {", "2001:db8::1/200", ".:1", "weight", "state MASTER", "nopreempt", "group {",
            "</dev/tcp/x", "$(", "\\", "priority 255", "strict_mode", "track_interface {", "auth_type");
    private static final int ROUNDS_PER_FILE = 24;

    @TempDir
    Path dir;

    @Test
    void mangledCorpusFilesNeverCrashTheImport() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(KeepalivedCorpusTest.DIR)) {
            files = list.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        int refused = 0;
        int imported = 0;
        for (Path file : files) {
            List<String> lines = Arrays.asList(Files.readString(file).split("\n", -1));
            Random random = new Random(file.getFileName().toString().hashCode());
            for (int round = 0; round < ROUNDS_PER_FILE; round++) {
                String text = String.join("\n", mangle(lines, random));
                Path conf = Files.writeString(dir.resolve("keepalived.conf"), text);
                try {
                    ImportResult result = KeepalivedImporter.importFile(conf, round % 2 == 0 ? Imports.HOST
                            : ConfigId.chosen("low"));
                    assertEquals(loaderErrors(result.yaml()), result.loadErrors(), text);
                    imported++;
                } catch (ImportException e) {
                    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
                    assertTrue(e.getMessage().startsWith(conf + ":"), e.getMessage());
                    refused++;
                }
            }
        }
        // Both outcomes happen, so the mangling reaches past the braces.
        assertTrue(refused > 0 && imported > 0, refused + " refused, " + imported + " imported");
    }

    private static List<String> mangle(List<String> lines, Random random) {
        List<String> out = new ArrayList<>(lines);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && !out.isEmpty(); i++) {
            int at = random.nextInt(out.size());
            switch (random.nextInt(4)) {
                case 0 -> out.remove(at);
                case 1 -> out.add(at, JUNK.get(random.nextInt(JUNK.size())));
                case 2 -> out.set(at, out.get(at) + " " + JUNK.get(random.nextInt(JUNK.size())));
                default -> {
                    int other = random.nextInt(out.size());
                    String line = out.get(at);
                    out.set(at, out.get(other));
                    out.set(other, line);
                }
            }
        }
        return out;
    }

    private static List<String> loaderErrors(String yaml) {
        try {
            ConfigLoader.parseWithoutHostChecks(yaml, KeepalivedImporter.GENERATED);
            return List.of();
        } catch (ConfigException e) {
            return e.errors();
        }
    }
}
