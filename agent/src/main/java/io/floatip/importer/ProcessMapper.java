package io.floatip.importer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Reads a vrrp_track_process block (keepalived/vrrp/vrrp_parser.c vrrp_tprocess_*_handler) into an entry of
 * floatip's {@code processes}. keepalived/core/track_process.c read_procs compares {@code process} with the
 * process name (comm) unless full_command, param_match or parameters make it compare the command line, whose
 * parameters check_params then matches exactly, as a prefix of whole words (partial) or with the last word a
 * prefix (initial). floatip's {@code name} is the first, its {@code command} (first words) the partial match.
 */
final class ProcessMapper {
    /** The kernel's comm is 15 bytes and a NUL (TASK_COMM_LEN). */
    static final int MAX_NAME_BYTES = 15;
    static final long MAX_DELAY_MILLIS = 3_600_000;

    private enum Match { NONE, EXACT, PARTIAL, INITIAL }

    private ProcessMapper() {
    }

    /** Fills {@code out}; false (after saying why) when the block cannot be carried over. */
    static boolean map(Statement block, YamlNode.MapNode out, Scope scope) {
        List<String> process = null;
        boolean full = false;
        Match match = Match.NONE;
        Integer weight = null;
        Integer quorum = null;
        Long delay = null;
        boolean weightLost = false;
        for (Statement s : block.children()) {
            switch (s.keyword()) {
                case "process" -> {
                    if (s.args().isEmpty()) {
                        scope.notMapped(s, "no process named");
                    } else if (process == null) {
                        process = List.copyOf(s.args());
                    }
                }
                case "full_command" -> full = true;
                case "param_match" -> match = paramMatch(s, scope).orElse(match);
                case "weight" -> {
                    Optional<Integer> read = Weights.parse(s, s.args(), 0, scope);
                    weight = read.orElse(null);
                    weightLost = read.isEmpty();
                }
                case "quorum" -> quorum = Numbers.integer(s.arg(0), 1, 1000).orElseGet(() -> {
                    scope.notMapped(s, "floatip counts 1 to 1000");
                    return null;
                });
                case "delay", "terminate_delay" -> delay = delay(s, scope);
                case "quorum_max" -> scope.notMapped(s, "floatip has no upper bound on the count");
                case "fork_delay" -> scope.notMapped(s, "floatip counts a new process at once");
                default -> scope.notMapped(s, Unmapped.why(s.keyword()));
            }
        }
        if (process == null) {
            scope.notMapped(block, "no process line; keepalived drops it too");
            return false;
        }
        if (weightLost) {
            scope.notMapped(block, "its weight cannot be carried over, and any other weight would change what a "
                    + "loss does");
            return false;
        }
        boolean params = process.size() > 1;
        if (params && match == Match.NONE) {
            match = Match.EXACT;
        }
        if (!full && match == Match.NONE) {
            String name = process.get(0);
            if (name.contains("/") || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                scope.notMapped(block, "keepalived compares process " + name + " with the process name (comm, "
                        + MAX_NAME_BYTES + " bytes), which never equals it; add full_command to match the command "
                        + "line");
                return false;
            }
            out.put("name", YamlNode.text(name));
        } else {
            if (match == Match.EXACT) {
                scope.note(block.text() + ": keepalived wants exactly these words, floatip's command also "
                        + "matches a command line with more after them", block.place());
            } else if (match == Match.INITIAL) {
                scope.note(block.text() + ": keepalived lets the last word be the start of the process's, "
                        + "floatip's command wants it whole", block.place());
            }
            YamlNode.ListNode command = new YamlNode.ListNode();
            process.forEach(w -> command.add(YamlNode.text(w)));
            out.put("command", command);
        }
        if (quorum != null && quorum != 1) {
            out.put("quorum", YamlNode.number(quorum));
        }
        if (delay != null && delay != 0) {
            out.put("delay", Millis.node(delay));
        }
        if (weight != null && weight != 0) {
            out.put("weight", YamlNode.number(weight));
        }
        return true;
    }

    private static Optional<Match> paramMatch(Statement s, Scope scope) {
        if (s.args().isEmpty()) {
            return Optional.of(Match.EXACT);
        }
        return switch (s.arg(0)) {
            case "partial" -> Optional.of(Match.PARTIAL);
            case "initial" -> Optional.of(Match.INITIAL);
            default -> {
                scope.notMapped(s, "keepalived knows initial and partial; it ignores this too");
                yield Optional.empty();
            }
        };
    }

    private static Long delay(Statement s, Scope scope) {
        Optional<Long> ms = Numbers.secondsAsMillis(s.arg(0)).filter(v -> v <= MAX_DELAY_MILLIS);
        if (ms.isEmpty()) {
            scope.notMapped(s, "floatip waits 0 to 3600 seconds");
            return null;
        }
        if (s.keyword().equals("delay")) {
            scope.note(s.text() + ": floatip waits this long before counting a loss (keepalived's terminate_delay), "
                    + "not before counting a new process", s.place());
        }
        return ms.get();
    }
}
