package io.floatip.net;

import com.sun.jna.Native;
import io.floatip.os.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Runs code in a named network namespace: on a new thread that setns()es into it first and exits
 * afterwards, so no thread that has switched namespace is ever reused. Netlink sockets opened by
 * the code stay in that namespace when other threads use them later.
 *
 * <p>If entering the namespace fails or cannot be verified, the code does not run: a test must
 * never fall back to the root namespace.
 */
final class NetnsThread {
    private static final Path NETNS_DIR = Path.of("/var/run/netns");

    private NetnsThread() {
    }

    static <T> T call(String netns, Callable<T> body) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> {
            enter(netns);
            return body.call();
        });
        Thread thread = new Thread(task, "netns-" + netns);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        } finally {
            thread.join(30_000);
        }
    }

    /** "net:[4026531840]" for the current thread. */
    static String currentNetns() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    /** The namespace of the process's main thread: the one tests must never change. */
    static String processNetns() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
    }

    private static void enter(String netns) throws IOException {
        Path path = NETNS_DIR.resolve(netns);
        if (!path.getParent().equals(NETNS_DIR)) {
            throw new IllegalStateException("not a plain namespace name: " + netns);
        }
        LibC libc = LibC.INSTANCE;
        int fd = libc.open(path.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("refusing to run: open " + path + ": " + Errno.name(Native.getLastError()));
        }
        try {
            if (libc.setns(fd, LibC.CLONE_NEWNET) != 0) {
                throw new IllegalStateException("refusing to run: setns " + path + ": " + Errno.name(Native.getLastError()));
            }
        } finally {
            libc.close(fd);
        }
        String expected = "net:[" + Files.getAttribute(path, "unix:ino") + "]";
        String actual = currentNetns();
        if (!actual.equals(expected) || actual.equals(processNetns())) {
            throw new IllegalStateException("refusing to run: thread is in " + actual + ", expected " + expected
                    + " (process is in " + processNetns() + ")");
        }
    }
}
