package io.floatip.script;

import java.util.List;

/** Who scripts run as: the agent's own user, or another one switched to with setpriv. */
public record ScriptUser(String name, List<String> prefix) {
    /**
     * The agent's own user, but without the capabilities a non-root agent holds (CAP_NET_ADMIN and CAP_NET_RAW
     * as ambient capabilities would otherwise pass to every script): dropping the inheritable set drops them.
     */
    public static final ScriptUser SAME = new ScriptUser(null, List.of("setpriv", "--inh-caps=-all", "--"));

    /**
     * A root agent's root scripts: nothing to switch, nothing to drop (root's exec gets every capability in
     * the bounding set whatever its inheritable set), so no setpriv exec in front of every check.
     */
    public static final ScriptUser ROOT = new ScriptUser(null, List.of());

    /** Switch to {@code name}, its primary group and its supplementary groups; used when the agent is root. */
    public static ScriptUser named(String name) {
        return new ScriptUser(name, List.of("setpriv", "--reuid=" + name, "--regid=" + primaryGid(name),
                "--init-groups", "--inh-caps=-all", "--"));
    }

    /** The user's primary gid from /etc/passwd (the config loader has checked the user exists). */
    static String primaryGid(String name) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(name)) {
                    return f[3];
                }
            }
        } catch (java.io.IOException e) {
            // fall through: setpriv will then say what is wrong
        }
        return name;
    }

    /** Root scripts stay root; a named user is switched to only when we are root and it is someone else. */
    public static ScriptUser resolve(String configured, boolean agentIsRoot) {
        if (!agentIsRoot) {
            return SAME;
        }
        if (configured == null || configured.equals("root")) {
            return ROOT;
        }
        return named(configured);
    }
}
