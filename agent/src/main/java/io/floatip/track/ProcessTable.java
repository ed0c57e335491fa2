package io.floatip.track;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the processes each {@link ProcessMatch} follows by reading /proc: every process of the agent's PID
 * namespace is there whatever its network namespace (the kernel's proc connector, which keepalived uses, sees
 * only the initial network namespace's). Reads are bounded: a process's name is at most 16 bytes, its command
 * line is read up to {@link #MAX_COMMAND_LINE} bytes.
 */
final class ProcessTable {
    static final int MAX_COMMAND_LINE = 4096;

    private final Path proc;

    ProcessTable(Path proc) {
        this.proc = proc;
    }

    /** The pids each matcher finds, in matcher order; a process that exits while read is skipped. */
    List<Set<Integer>> scan(List<ProcessMatch> matches) {
        List<Set<Integer>> found = new ArrayList<>();
        boolean commandLines = false;
        for (ProcessMatch m : matches) {
            found.add(new HashSet<>());
            commandLines |= m.needsCommandLine();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                int pid = pid(entry.getFileName().toString());
                if (pid <= 0) {
                    continue;
                }
                String comm = comm(entry);
                if (comm == null) {
                    continue;
                }
                List<String> argv = commandLines ? commandLine(entry) : List.of();
                for (int k = 0; k < matches.size(); k++) {
                    if (matches.get(k).matches(comm, argv)) {
                        found.get(k).add(pid);
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + proc, e);
        }
        return found;
    }

    /** Whether pid {@code pid} is (still) one {@code match} follows: checked after its pidfd is open. */
    boolean still(int pid, ProcessMatch match) {
        Path entry = proc.resolve(Integer.toString(pid));
        String comm = comm(entry);
        return comm != null && match.matches(comm, match.needsCommandLine() ? commandLine(entry) : List.of());
    }

    private static int pid(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return -1;
        }
        int pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    private static String comm(Path entry) {
        byte[] b = read(entry.resolve("comm"), 64);
        if (b == null) {
            return null;
        }
        int n = b.length;
        if (n > 0 && b[n - 1] == '\n') {
            n--;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    private static List<String> commandLine(Path entry) {
        byte[] b = read(entry.resolve("cmdline"), MAX_COMMAND_LINE);
        if (b == null || b.length == 0) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == 0) {
                if (i > start || i < b.length) {
                    words.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return words;
    }

    private static byte[] read(Path file, int max) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        } catch (IOException | SecurityException e) {
            return null; // gone, or not ours to read
        }
    }
}
