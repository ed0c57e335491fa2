package io.floatip.config;

import io.floatip.os.Privileges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's /etc/passwd and this process's effective uid. */
final class LocalAccounts implements Accounts {

    static final LocalAccounts INSTANCE = new LocalAccounts();

    private static final Path PASSWD = Path.of("/etc/passwd");

    private LocalAccounts() {
    }

    @Override
    public String passwd() throws IOException {
        return Files.readString(PASSWD);
    }

    @Override
    public int effectiveUid() {
        // Unknown is treated as root: that asks for a script user rather than running scripts as root unasked.
        return Privileges.effectiveUid().orElse(0);
    }
}
