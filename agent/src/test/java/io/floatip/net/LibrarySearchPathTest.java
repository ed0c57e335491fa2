package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directories JNA searches, read from a linker config as ldconfig would, instead of forking ldconfig. */
class LibrarySearchPathTest {
    @TempDir
    Path etc;

    private static List<String> withTrusted(String... dirs) {
        List<String> all = new ArrayList<>(List.of(dirs));
        all.addAll(LibrarySearchPath.TRUSTED);
        return all;
    }

    /** Debian's shape: one include line; the included files in name order, comments skipped. */
    @Test
    void debianIncludeInNameOrder() throws IOException {
        Path conf = etc.resolve("ld.so.conf");
        Files.writeString(conf, "include " + etc.resolve("ld.so.conf.d") + "/*.conf\n");
        Files.createDirectory(etc.resolve("ld.so.conf.d"));
        Files.writeString(etc.resolve("ld.so.conf.d/x86_64-linux-gnu.conf"), """
                # Multiarch support
                /usr/local/lib/x86_64-linux-gnu
                /lib/x86_64-linux-gnu
                /usr/lib/x86_64-linux-gnu
                """);
        Files.writeString(etc.resolve("ld.so.conf.d/libc.conf"), "# libc default configuration\n/usr/local/lib\n");
        Files.writeString(etc.resolve("ld.so.conf.d/README"), "/not/a/conf/file\n");
        assertEquals(withTrusted("/usr/local/lib", "/usr/local/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
                "/usr/lib/x86_64-linux-gnu"), LibrarySearchPath.directories(conf));
    }

    /** A relative include is relative to the including file's directory. */
    @Test
    void relativeInclude() throws IOException {
        Files.createDirectory(etc.resolve("d"));
        Files.writeString(etc.resolve("d/a.conf"), "/opt/pcap/lib\n");
        Path conf = etc.resolve("ld.so.conf");
        Files.writeString(conf, "include d/*.conf\n");
        assertEquals(withTrusted("/opt/pcap/lib"), LibrarySearchPath.directories(conf));
    }

    /** Old forms: several directories on a line, a "=TYPE" suffix, a trailing comment, blank lines, a repeat. */
    @Test
    void oldForms() throws IOException {
        Path conf = etc.resolve("ld.so.conf");
        Files.writeString(conf, "\n/opt/a:/opt/b, /opt/c\n/opt/d=libc6   # typed\n   \n/lib\n");
        // "/lib" stays where the config put it, and once.
        assertEquals(List.of("/opt/a", "/opt/b", "/opt/c", "/opt/d", "/lib", "/lib64", "/usr/lib64", "/usr/lib"),
                LibrarySearchPath.directories(conf));
    }

    /** No config at all (musl, a bare container): the linker's own directories only. */
    @Test
    void missingConfig() {
        assertEquals(LibrarySearchPath.TRUSTED, LibrarySearchPath.directories(etc.resolve("ld.so.conf")));
    }

    /** A file that includes itself ends; what it names is there once. */
    @Test
    void includeLoopEnds() throws IOException {
        Path conf = etc.resolve("ld.so.conf");
        Files.writeString(conf, "/opt/loop\ninclude ld.so.conf\n");
        assertEquals(withTrusted("/opt/loop"), LibrarySearchPath.directories(conf));
    }

    /** This host's own config names the directory its libpcap is in (the agent's tests need libpcap). */
    @Test
    void thisHostFindsLibpcap() {
        List<String> dirs = LibrarySearchPath.directories(LibrarySearchPath.LINKER_CONFIG);
        assertTrue(dirs.stream().anyMatch(d -> {
            try (var files = Files.list(Path.of(d))) {
                return files.anyMatch(f -> f.getFileName().toString().startsWith("libpcap.so."));
            } catch (IOException e) {
                return false;
            }
        }), "no libpcap.so.* in " + dirs);
    }
}
