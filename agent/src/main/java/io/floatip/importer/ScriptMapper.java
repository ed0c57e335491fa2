package io.floatip.importer;

import java.util.List;
import java.util.Optional;

/** Reads one vrrp_script block into an entry of floatip's {@code scripts}. */
final class ScriptMapper {

    /** keepalived's limit: what fits in its microsecond timers. */
    private static final int MAX_SECONDS = 4294;

    private ScriptMapper() {
    }

    /**
     * Fills {@code out} with the script's keys.
     *
     * @param scope the script's own, so its warnings sit in its entry
     * @return the script's weight, or empty when floatip cannot run its command or take its weight (then it is
     *         left out, and so is its tracking)
     */
    static Optional<Integer> map(Statement script, YamlNode.MapNode out, Scope scope) {
        Optional<List<String>> command = Optional.empty();
        Long interval = null;
        Long timeout = null;
        Integer rise = null;
        Integer fall = null;
        int weight = 0;
        boolean initFail = false;
        boolean hasCommand = false;
        boolean weightLost = false;
        String user = null;
        for (Statement s : script.children()) {
            switch (s.keyword()) {
                case "script" -> {
                    hasCommand = true;
                    command = Commands.read(s, scope);
                    if (s.args().size() > 1) {
                        scope.notMapped(s, "keepalived runs only the first word, quote the whole command");
                    }
                }
                case "interval" -> interval = wholeSeconds(s, scope);
                case "timeout" -> timeout = wholeSeconds(s, scope);
                case "rise" -> rise = count(s, scope);
                case "fall" -> fall = count(s, scope);
                case "weight" -> {
                    Optional<Integer> read = Weights.parse(s, s.args(), 0, scope);
                    weight = read.orElse(0);
                    weightLost = read.isEmpty();
                }
                case "user" -> user = user(s, scope);
                case "init_fail" -> initFail = true;
                default -> scope.notMapped(s, Unmapped.why(s.keyword()));
            }
        }
        if (command.isEmpty() || weightLost) {
            if (!hasCommand) {
                scope.notMapped(script, "no script line; keepalived drops it too");
            } else if (weightLost) {
                // Weight 0 would mean FAULT on failure: worse than leaving the script out, visibly.
                scope.notMapped(script, "its weight cannot be carried over, and any other weight would change "
                        + "what a failure does");
            }
            return Optional.empty();
        }
        out.put("command", Commands.node(command.get()));
        if (interval != null) {
            out.put("interval", Millis.node(interval));
        }
        if (timeout != null) {
            out.put("timeout", Millis.node(timeout));
        }
        if (rise != null) {
            out.put("rise", YamlNode.number(rise));
        }
        if (fall != null) {
            out.put("fall", YamlNode.number(fall));
        }
        if (weight != 0) {
            out.put("weight", YamlNode.number(weight));
        }
        if (initFail) {
            out.put("init_fail", YamlNode.typed("true"));
        }
        if (user != null) {
            out.put("user", YamlNode.text(user));
        }
        return Optional.of(weight);
    }

    /**
     * keepalived/vrrp/vrrp_parser.c vrrp_vscript_user_handler: the script runs as USER [GROUP] instead of
     * script_user. floatip switches to the user with its own groups, as for global.script_user.
     */
    private static String user(Statement s, Scope scope) {
        if (s.args().isEmpty() || s.arg(0).isBlank()) {
            scope.notMapped(s, "no user given (keepalived drops such a script); it runs as global.script_user");
            return null;
        }
        if (s.args().size() > 1) {
            scope.notMapped("group " + s.arg(1) + " of " + s.text() + " (floatip runs scripts with the user's own "
                    + "groups)", s.place());
        }
        return s.arg(0);
    }

    /** keepalived 2.2 reads these as whole seconds and ignores anything else, so the default stays. */
    private static Long wholeSeconds(Statement s, Scope scope) {
        Optional<Integer> seconds = Numbers.integer(s.arg(0), 1, MAX_SECONDS);
        if (seconds.isEmpty()) {
            scope.notMapped(s, "keepalived takes whole seconds from 1 here, and ignores it too");
        }
        return seconds.map(n -> n * 1_000L).orElse(null);
    }

    private static Integer count(Statement s, Scope scope) {
        Optional<Integer> n = Numbers.integer(s.arg(0), 1, 255);
        if (n.isEmpty()) {
            scope.notMapped(s, "floatip counts 1 to 255");
        }
        return n.orElse(null);
    }
}
