package io.floatip.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where one keepalived keeps its files, and the command line that points it at them.
 *
 * <p>Every pid file keepalived knows of is named on the command line, including those of the checker and
 * BFD children it never starts: left to its defaults it would read /run/keepalived.pid (and refuse to start
 * while another keepalived on this host owns it) and unlink /run/bfd.pid on exit.
 */
public record KeepalivedFiles(Path config, Path pid, Path vrrpPid, Path checkersPid, Path bfdPid) {

    public static final Path BINARY = Path.of("/usr/sbin/keepalived");

    /** keepalived-n1.conf, keepalived-n1.pid, ... in {@code workDir}: two nodes can share a directory. */
    public static KeepalivedFiles in(Path workDir, String node) {
        Path dir = workDir.toAbsolutePath();
        String base = "keepalived-" + node;
        return new KeepalivedFiles(dir.resolve(base + ".conf"), dir.resolve(base + ".pid"),
                dir.resolve(base + "-vrrp.pid"), dir.resolve(base + "-checkers.pid"), dir.resolve(base + "-bfd.pid"));
    }

    /**
     * Foreground (-n), log to our pipe (-l) in detail (-D) and not to syslog (-G, which would otherwise fall
     * back to /dev/console in a box without /dev/log), VRRP child only (no checker, so no ip_vs module).
     */
    public List<String> argv() {
        return List.of(BINARY.toString(), "--dont-fork", "--log-console", "--log-detail", "--no-syslog", "--vrrp",
                "--use-file=" + config, "--pid=" + pid, "--vrrp_pid=" + vrrpPid,
                "--checkers_pid=" + checkersPid, "--bfd_pid=" + bfdPid);
    }

    /** {@code keepalived --config-test}: exit 0 only if keepalived accepts the file without a complaint. */
    public List<String> configTestArgv() {
        return List.of(BINARY.toString(), "--config-test", "--use-file=" + config);
    }

    /**
     * Removes pid files a hard-killed run left behind; throws if one names a live process, since keepalived
     * would then refuse to start ("already running") and the caller has two peers on one node.
     */
    void clearStalePidFiles() {
        for (Path file : List.of(pid, vrrpPid, checkersPid, bfdPid)) {
            Optional<Long> owner = readPid(file);
            if (owner.isPresent() && ProcessHandle.of(owner.get()).filter(h -> !Processes.hasExited(h)).isPresent()) {
                throw new LabException(file + " names running pid " + owner.get()
                        + ": another keepalived already uses these files");
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove stale " + file, e);
            }
        }
    }

    static Optional<Long> readPid(Path file) {
        try {
            String text = Files.readString(file).strip();
            return text.matches("[0-9]{1,10}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
