package io.floatip.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.config.Config;
import io.floatip.config.ConfigLoader;
import io.floatip.config.VirtualIp;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: import a corpus file (or some text), load the YAML with floatip's loader, list warnings. */
final class Imports {

    static final Path CORPUS = Path.of("src/test/resources/keepalived");
    /** The host the tests import on, whatever this machine is called: config id lb9, keepalived's default there. */
    static final ConfigId HOST = ConfigId.ofHost("lb9.example.com");

    private Imports() {
    }

    static ImportResult corpus(String name) throws ImportException {
        return KeepalivedImporter.importFile(CORPUS.resolve(name), HOST);
    }

    /** Imports {@code text} written as {@code dir/keepalived.conf}. */
    static ImportResult text(Path dir, String text) throws IOException, ImportException {
        return KeepalivedImporter.importFile(Files.writeString(dir.resolve("keepalived.conf"), text), HOST);
    }

    /** The YAML as floatip's loader reads it, without host checks; it must load without an error. */
    static Config load(ImportResult result) throws Exception {
        assertEquals(List.of(), result.loadErrors(), result::yaml);
        return ConfigLoader.parseWithoutHostChecks(result.yaml(), "imported.yaml");
    }

    /** Each warning as {@code FILE-NAME:LINE not mapped|note: TEXT}, to compare without the directories. */
    static List<String> warnings(ImportResult result) {
        return result.warnings().stream()
                .map(w -> Path.of(w.place().file()).getFileName() + ":" + w.place().line() + " "
                        + (w.leftOut() ? "not mapped: " : "note: ") + w.text())
                .toList();
    }

    /** Only the left-out ones, in the same form. */
    static List<String> leftOut(ImportResult result) {
        return warnings(result).stream().filter(w -> w.contains(" not mapped: ")).toList();
    }

    static VirtualIp vip(String address, int prefix, String iface) throws Exception {
        return new VirtualIp(java.net.InetAddress.getByName(address), prefix, iface);
    }

    static VirtualIp vip(String address, int prefix) throws Exception {
        return new VirtualIp(InetAddress.getByName(address), prefix);
    }

    static Inet4Address v4(String address) throws Exception {
        return (Inet4Address) InetAddress.getByName(address);
    }
}
