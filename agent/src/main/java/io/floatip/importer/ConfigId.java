package io.floatip.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config id an import reads {@code @ID} lines for, as keepalived's {@code -i ID} (lib/parser.c read_line
 * keeps a line starting {@code @ID} only for that id, one starting {@code @^ID} for every other id, and drops
 * the word). Without -i, keepalived/core/main.c takes the host name up to its first dot; so does the import
 * without {@code --config-id}, for the machine it runs on. floatip's YAML is one file per node: the id is
 * resolved here, at import time, and the agent never sees an {@code @} line.
 *
 * @param id     never empty
 * @param chosen whether {@code --config-id} gave it, or it is this host's name
 */
public record ConfigId(String id, boolean chosen) {

    // What uname(2) calls the nodename, without DNS.
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    public ConfigId {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a config id must not be empty");
        }
    }

    /** {@code --config-id ID}. */
    public static ConfigId chosen(String id) {
        return new ConfigId(id, true);
    }

    /** keepalived's default for a host called {@code hostname}: up to its first dot. */
    public static ConfigId ofHost(String hostname) {
        int dot = hostname.indexOf('.');
        return new ConfigId(dot < 0 ? hostname : hostname.substring(0, dot), false);
    }

    /** keepalived's default on this machine. */
    public static ConfigId local() {
        try {
            String name = Files.readString(KERNEL_HOSTNAME).strip();
            if (!name.isEmpty() && name.charAt(0) != '.') {
                return ofHost(name);
            }
        } catch (IOException | SecurityException e) {
            // not Linux: fall through
        }
        return ofHost("localhost");
    }

    /** Whether keepalived with this id reads a line starting {@code @lineId} ({@code @^lineId} when reversed). */
    boolean reads(String lineId, boolean reversed) {
        return id.equals(lineId) != reversed;
    }

    /** How the id was chosen, for the notes. */
    String origin() {
        return chosen ? id + " (--config-id)" : id + ", this host's name up to its first dot (keepalived's default "
                + "without -i)";
    }
}
