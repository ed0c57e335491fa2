package io.floatip.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's /etc/passwd and this process's effective uid. */
final class LocalAccounts implements Accounts {

    static final LocalAccounts INSTANCE = new LocalAccounts();

    private static final Path PASSWD = Path.of("/etc/passwd");
    private static final Path STATUS = Path.of("/proc/self/status");

    private LocalAccounts() {
    }

    @Override
    public String passwd() throws IOException {
        return Files.readString(PASSWD);
    }

    /** From the "Uid:" line of /proc/self/status: real, effective, saved, filesystem. */
    @Override
    public int effectiveUid() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Fall through.
        }
        // Unknown is treated as root: that asks for a script user rather than running scripts as root unasked.
        return 0;
    }
}
