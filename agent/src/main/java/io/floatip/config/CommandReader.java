package io.floatip.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads every command in a config (check scripts and notify commands) and, with host checks, refuses any
 * whose program is missing or could be changed by a non-root user. One per load: it also remembers whether
 * the config has commands at all, which decides whether a script user is needed.
 */
final class CommandReader {

    private final Optional<HostChecks> host;
    private boolean seen;

    /** @param host empty: check the commands as written only, not the files they name */
    CommandReader(Optional<HostChecks> host) {
        this.host = host;
    }

    /** Whether the config sets any command, even a wrong one. */
    boolean seen() {
        return seen;
    }

    /** A string split into words, or a list of words; empty after reporting what is wrong. */
    Optional<Command> read(Field field) {
        seen = true;
        Optional<Command> command = field.node() instanceof Node.ListNode list ? words(field, list) : parse(field);
        if (command.isEmpty()) {
            return command;
        }
        String program = command.get().program();
        if (program.indexOf('/') > 0) {
            field.error("the program must be a full path or a name found in PATH, got '" + program + "' (a relative "
                    + "path would depend on the directory floatip starts in)");
            return Optional.empty();
        }
        if (host.isEmpty()) {
            return command;
        }
        try {
            ScriptSafety safety = new ScriptSafety(host.get().files());
            String checked = safety.check(program).toString();
            Optional<String> script = Interpreters.scriptOf(command.get().argv(), checked);
            if (script.isPresent()) {
                if (!script.get().startsWith("/")) {
                    field.error("the script '" + script.get() + "' must be a full path (the interpreter would look "
                            + "for it in the directory scripts start in)");
                    return Optional.empty();
                }
                safety.checkScript(java.nio.file.Path.of(script.get()));
            }
            return Optional.of(command.get().withProgram(checked));
        } catch (IllegalArgumentException e) {
            field.error(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A script's own user (keepalived's vrrp_script user): a name that, with host checks, is in /etc/passwd,
     * as global.script_user must be. What it runs is checked as every command is: only the user differs.
     */
    Optional<String> user(Field field) {
        return field.text().filter(name -> {
            if (!UserNames.isPlausible(name)) {
                field.error("not a user name: '" + name + "'");
                return false;
            }
            if (host.isEmpty()) {
                return true;
            }
            try {
                if (!Passwd.parse(host.get().accounts().passwd()).has(name)) {
                    field.error("no user '" + name + "' in /etc/passwd; create it (useradd --system " + name
                            + ") or name an existing user");
                    return false;
                }
                return true;
            } catch (java.io.IOException e) {
                field.error("cannot read /etc/passwd to find the user: " + (e.getMessage() == null ? e
                        : e.getMessage()));
                return false;
            }
        });
    }

    private static Optional<Command> parse(Field field) {
        return field.parsed(Command::parse);
    }

    private static Optional<Command> words(Field field, Node.ListNode list) {
        if (list.items().isEmpty()) {
            field.error("is an empty list; give the program to run and its arguments, like "
                    + "[/etc/floatip/notify.sh, master]");
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            if (item instanceof Node.Scalar scalar && !scalar.isEmpty()) {
                argv.add(scalar.text());
            } else {
                field.problems().at(item.mark(), field.path() + "[" + i + "]", "must be a word, got " + item.describe());
                ok = false;
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Command(argv));
        } catch (IllegalArgumentException e) {
            field.error(e.getMessage());
            return Optional.empty();
        }
    }
}
