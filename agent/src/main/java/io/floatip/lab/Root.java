package io.floatip.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this JVM runs as root, read from /proc so no command has to be spawned to find out. */
final class Root {

    static final String NEEDS_ROOT = "floatip's lab needs root: network namespaces, veth pairs and bridges"
            + " can only be created by root (run as root, e.g. with sudo, or in a privileged container)";

    private Root() {
    }

    static boolean isRoot() {
        try {
            return effectiveUid(Files.readString(Path.of("/proc/self/status"))) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The effective uid: the second number on the "Uid:" line (real, effective, saved, fs). */
    static long effectiveUid(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
            }
        }
        throw new IllegalArgumentException("no Uid: line in /proc/self/status");
    }

    static void require() {
        if (!isRoot()) {
            throw new LabException(NEEDS_ROOT);
        }
    }
}
