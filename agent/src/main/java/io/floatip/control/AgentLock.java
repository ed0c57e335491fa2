package io.floatip.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One agent per control socket, decided before the agent touches the host: an exclusive lock on
 * {@code SOCKET.lock} beside it, held for the process's life (the kernel drops it when the process ends, however
 * it ends). A second `floatip run` for the same config finds it held and exits before its start-up clean-up,
 * which would otherwise remove the running master's VIP (issue 16 item 4).
 */
public final class AgentLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private AgentLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Where the lock for {@code socket} lives. */
    public static Path pathFor(Path socket) {
        return socket.toAbsolutePath().resolveSibling(socket.getFileName() + ".lock");
    }

    /** Another agent holds the lock. */
    public static final class HeldException extends IOException {
        HeldException(String message) {
            super(message);
        }
    }

    /**
     * Takes the lock, making the socket's directory first (checked as for the socket).
     *
     * @throws HeldException when another agent holds it; IOException when it cannot be made at all
     */
    public static AgentLock acquire(Path socket) throws IOException {
        Path path = pathFor(socket);
        SocketDirectory.prepare(path.getParent());
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IOException("cannot open the lock file " + path + ": " + ControlServer.reason(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw new IOException("cannot lock " + path + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new HeldException("another floatip is running for this control socket (" + socket + "; lock "
                    + path + " held" + (holder.isEmpty() ? "" : " by pid " + holder) + "); this one exits without "
                    + "touching anything. Stop the other first (systemctl stop floatip), or give this one its own "
                    + "--control-socket");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new AgentLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            channel.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the process ends anyway
        }
    }
}
