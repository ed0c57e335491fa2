package io.floatip.net;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where JNA looks for a library loaded by name (libpcap: Debian ships it as libpcap.so.0.8, with no plain
 * libpcap.so outside the -dev package, so JNA must find the versioned file in a directory). Left to itself,
 * JNA asks {@code /sbin/ldconfig -p} for those directories at every start: a child process, the JDK's process
 * reaper thread idle for a minute after it, and ~250 KiB resident in an agent. The same directories come from
 * the dynamic linker's configuration, which is what ldconfig's cache is built from: /etc/ld.so.conf with the
 * files it includes, then the linker's own directories.
 */
public final class LibrarySearchPath {
    /** JNA's property: when set, JNA searches exactly these directories and does not run ldconfig. */
    static final String PROPERTY = "jna.platform.library.path";
    static final Path LINKER_CONFIG = Path.of("/etc/ld.so.conf");
    /** The linker's trusted directories, searched after the configured ones (ldconfig adds them too). */
    static final List<String> TRUSTED = List.of("/lib64", "/usr/lib64", "/lib", "/usr/lib");
    /** Includes nest; a loop of them must not hang a start. */
    private static final int MAX_DEPTH = 8;

    private LibrarySearchPath() {
    }

    /** Before JNA's first use, on Linux, unless the operator set the property. */
    public static void fromLinkerConfig() {
        if (System.getProperty(PROPERTY) != null || !System.getProperty("os.name", "").equals("Linux")) {
            return;
        }
        System.setProperty(PROPERTY, String.join(File.pathSeparator, directories(LINKER_CONFIG)));
    }

    /** The directories a linker config names, its includes' in place, then the trusted ones; no duplicates. */
    static List<String> directories(Path config) {
        Set<String> dirs = new LinkedHashSet<>();
        read(config, dirs, 0);
        dirs.addAll(TRUSTED);
        return new ArrayList<>(dirs);
    }

    /** ld.so.conf(5): one directory per line, "include GLOB" (relative to the file's directory), # comments. */
    private static void read(Path config, Set<String> dirs, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(config);
        } catch (IOException | SecurityException e) {
            return; // no config (not glibc, or a container without one): the trusted directories remain
        }
        for (String raw : lines) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.startsWith("include") && line.length() > 7 && Character.isWhitespace(line.charAt(7))) {
                for (String glob : line.substring(8).strip().split("\\s+")) {
                    included(config, glob).forEach(p -> read(p, dirs, depth + 1));
                }
            } else if (line.startsWith("/")) {
                // Old configs may add "=TYPE" or list several directories on a line, separated by : , or blanks.
                for (String dir : line.split("[:,\\s]+")) {
                    int eq = dir.indexOf('=');
                    dirs.add(eq >= 0 ? dir.substring(0, eq) : dir);
                }
            }
        }
    }

    /** The files a glob names, in name order as glibc's ldconfig reads them. */
    private static List<Path> included(Path config, String glob) {
        Path pattern = config.resolveSibling(glob);
        Path dir = pattern.getParent();
        List<Path> files = new ArrayList<>();
        if (dir == null) {
            return files;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, pattern.getFileName().toString())) {
            s.forEach(files::add);
        } catch (IOException | SecurityException e) {
            return files;
        }
        files.sort(null);
        return files;
    }
}
