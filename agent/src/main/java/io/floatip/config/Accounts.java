package io.floatip.config;

import java.io.IOException;

/** Who may run scripts: the user list and the agent's own uid. Tests supply their own. */
interface Accounts {

    /** The text of /etc/passwd. */
    String passwd() throws IOException;

    /** The agent's effective uid. */
    int effectiveUid();

    static Accounts local() {
        return LocalAccounts.INSTANCE;
    }
}
