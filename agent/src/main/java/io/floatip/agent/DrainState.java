package io.floatip.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The drained instances, kept in {@code state_dir/drained} (one instance name a line) so that a drain survives
 * a restart and a reboot. The file is the agent's own: it is read only if it is a regular file of bounded size
 * (never a FIFO or a device, never through a symlink), and replaced whole with a rename, never half-written.
 */
final class DrainState {
    static final String FILE = "drained";
    /** 255 instances with long names fit many times over. */
    static final int MAX_BYTES = 64 * 1024;

    private DrainState() {
    }

    /** The drained instance names; none when the file does not exist. */
    static Set<String> load(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Set.of();
        }
        if (!a.isRegularFile()) {
            throw new IOException(file + " is not a regular file; remove it (floatip writes it itself)");
        }
        if (a.size() > MAX_BYTES) {
            throw new IOException(file + " has " + a.size() + " bytes, more than " + MAX_BYTES
                    + "; it is not floatip's (floatip writes one instance name a line)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(file + " grew past " + MAX_BYTES + " bytes while read");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Replaces the file with {@code names} (removes it when empty); creates the directory if missing. */
    static void save(Path stateDir, Collection<String> names) throws IOException {
        Path file = stateDir.resolve(FILE);
        if (names.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        if (!Files.isDirectory(stateDir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(stateDir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
            } catch (AccessDeniedException e) {
                throw new IOException("cannot create " + stateDir + ": permission denied");
            }
        }
        StringBuilder text = new StringBuilder("# written by floatip drain; floatip undrain ends it\n");
        names.forEach(n -> text.append(n).append('\n'));
        Path tmp = Files.createTempFile(stateDir, ".drained", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true); // on disk before the rename makes it the state: a reboot keeps it
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
