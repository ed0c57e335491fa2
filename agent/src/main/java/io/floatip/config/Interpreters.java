package io.floatip.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Programs that run a script named by an argument: for them the script is what decides what runs, so script
 * safety checks it too (issue 16 item 7: {@code /bin/sh /world-writable/dir/chk.sh} passed on main).
 */
final class Interpreters {
    /** Shells and script languages, by the name they are called by (a version suffix such as python3.11 too). */
    private static final Set<String> NAMES = Set.of("sh", "bash", "dash", "ash", "ksh", "mksh", "zsh",
            "python", "python2", "python3", "perl", "ruby", "php", "lua", "node", "nodejs", "tclsh");
    /** Options after which the program is inline text, not a file: nothing to check. Shells: only -c. */
    private static final java.util.Map<String, Set<String>> INLINE = java.util.Map.of(
            "python", Set.of("-c", "-m"), "python2", Set.of("-c", "-m"), "python3", Set.of("-c", "-m"),
            "perl", Set.of("-e", "-E"), "ruby", Set.of("-e"), "php", Set.of("-r"), "lua", Set.of("-e"),
            "node", Set.of("-e", "--eval", "-p"), "nodejs", Set.of("-e", "--eval", "-p"));

    private Interpreters() {
    }

    /**
     * The script argument of {@code argv} when its program (as checked, {@code program}) is an interpreter: its
     * first argument that is not an option, unless an option says the program is inline (sh -c, perl -e,
     * python3 -m...).
     */
    static Optional<String> scriptOf(List<String> argv, String program) {
        String file = Path.of(program).getFileName().toString();
        // python3.11 is python3; python3 itself stays python3.
        String name = NAMES.contains(file) ? file : file.replaceFirst("\\.[0-9.]+$", "");
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        for (int i = 1; i < argv.size(); i++) {
            String word = argv.get(i);
            if (INLINE.getOrDefault(name, Set.of("-c")).contains(word)) {
                return Optional.empty();
            }
            if (word.equals("--")) {
                return i + 1 < argv.size() ? Optional.of(argv.get(i + 1)) : Optional.empty();
            }
            if (word.startsWith("-")) {
                continue;
            }
            return Optional.of(word);
        }
        return Optional.empty();
    }
}
