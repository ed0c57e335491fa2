package io.floatip.config;

import java.io.IOException;
import java.util.Optional;

/**
 * Decides which user check and notify scripts run as. Scripts are the agent's weakest point (they run often
 * and are written in a hurry), so root is used only when the config says so or the agent is not root anyway.
 */
final class ScriptUser {

    private ScriptUser() {
    }

    /**
     * The user, or empty after reporting why none will do.
     *
     * @param written     global.script_user if set
     * @param writtenAt   where it is set, for "no such user"
     * @param globalMark  where to report a missing script_user: the global key, or the file's start
     * @param host        empty without host checks: then the name is taken as written, or the default, unchecked
     */
    static Optional<String> resolve(Optional<String> written, Optional<Field> writtenAt, boolean allowRoot,
            Mark globalMark, Optional<HostChecks> host, Problems problems) {
        if (host.isEmpty()) {
            return Optional.of(written.orElse(GlobalConfig.DEFAULT_SCRIPT_USER));
        }
        Passwd passwd;
        try {
            passwd = Passwd.parse(host.get().accounts().passwd());
        } catch (IOException e) {
            problems.at(globalMark, "global", "cannot read /etc/passwd to find the user scripts run as: "
                    + (e.getMessage() == null ? e : e.getMessage()));
            return Optional.empty();
        }
        if (written.isPresent()) {
            if (!passwd.has(written.get())) {
                writtenAt.orElseThrow().error("no user '" + written.get() + "' in /etc/passwd; create it (useradd "
                        + "--system " + written.get() + ") or name an existing user");
                return Optional.empty();
            }
            return written;
        }
        if (passwd.has(GlobalConfig.DEFAULT_SCRIPT_USER)) {
            return Optional.of(GlobalConfig.DEFAULT_SCRIPT_USER);
        }
        int uid = host.get().accounts().effectiveUid();
        if (uid != 0) {
            // A non-root agent cannot switch users: scripts run as whoever it is.
            return Optional.of(passwd.nameOf(uid).orElseGet(() -> System.getProperty("user.name")));
        }
        if (allowRoot) {
            return Optional.of("root");
        }
        problems.at(globalMark, "global", "no script_user: scripts would run as root; create the user "
                + GlobalConfig.DEFAULT_SCRIPT_USER + ", set global.script_user, or set allow_root_scripts: true");
        return Optional.empty();
    }
}
