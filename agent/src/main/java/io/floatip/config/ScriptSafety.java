package io.floatip.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Refuses a program that a non-root user could change, since floatip runs it for root's agent: the file and
 * every directory and symbolic link met on the way to it must be owned by root and not writable by group or
 * others. A root-owned sticky directory such as /tmp is the exception: others may add entries there but not
 * rename or remove root's, and the entry inside is checked for being root's like any other.
 */
final class ScriptSafety {

    /** A fixed search path: the agent's own PATH could differ between the check and the run. */
    static final List<Path> SEARCH_PATH = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"),
            Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));

    /** As the kernel's limit on links followed in one lookup. */
    private static final int MAX_LINKS = 40;
    private static final Path ROOT = Path.of("/");
    private static final String RISK = "a non-root user could change what floatip runs";

    private final FileFacts files;

    ScriptSafety(FileFacts files) {
        this.files = files;
    }

    /**
     * The program to run: {@code program} itself when it has a '/', else the first executable file of that
     * name in {@link #SEARCH_PATH}.
     *
     * @throws IllegalArgumentException with a message fit to show the user after the field's path
     */
    Path check(String program) {
        Path path;
        if (program.indexOf('/') >= 0) {
            path = Path.of(program);
        } else {
            path = SEARCH_PATH.stream().map(dir -> dir.resolve(program))
                    .filter(candidate -> walk(candidate, false).isEmpty())
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no executable '" + program + "' in PATH ("
                            + SEARCH_PATH.stream().map(Path::toString).collect(Collectors.joining(":"))
                            + "); write the full path"));
        }
        walk(path, true).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return path;
    }

    /**
     * A script an interpreter reads (the {@code /dir/chk.sh} of {@code /bin/sh /dir/chk.sh}): checked as the
     * program is, owners and modes of every entry on the way, except that it need not be executable.
     *
     * @throws IllegalArgumentException with a message fit to show the user after the field's path
     */
    void checkScript(Path script) {
        walk(script, true, false).ifPresent(problem -> {
            throw new IllegalArgumentException(problem + " (the script " + script + " that the interpreter runs)");
        });
    }

    /**
     * Follows {@code script} from / as the kernel would, link by link, so every entry that decides what gets
     * run is looked at. The first problem met, or empty for an executable regular file.
     *
     * @param safety whether to check owners and modes too, or only that an executable file is there
     */
    private Optional<String> walk(Path script, boolean safety) {
        return walk(script, safety, true);
    }

    /** @param executable whether the last entry must be an executable file, or only a regular file */
    private Optional<String> walk(Path script, boolean safety, boolean executable) {
        try {
            Deque<String> todo = new ArrayDeque<>();
            script.forEach(name -> todo.addLast(name.toString()));
            Entry root = lookUp(ROOT).orElseThrow(() -> new IOException("no /"));
            Optional<String> problem = safety ? unsafe(root, script) : Optional.empty();
            Entry at = root;
            int links = 0;
            while (problem.isEmpty() && !todo.isEmpty()) {
                if (at.facts().kind() != FileFacts.Kind.DIRECTORY) {
                    return Optional.of(on(at.path(), script) + " is not a directory");
                }
                String name = todo.removeFirst();
                if (name.equals(".") || name.equals("..")) {
                    // at is a real path (links are already followed), so its parent is the real "..", and
                    // was checked on the way down.
                    Path up = name.equals("..") && at.path().getParent() != null ? at.path().getParent() : at.path();
                    at = lookUp(up).orElseThrow(() -> new IOException("no " + up));
                    continue;
                }
                Path next = at.path().resolve(name);
                Optional<Entry> found = lookUp(next);
                if (found.isEmpty()) {
                    return Optional.of(script + " does not exist"
                            + (next.equals(script) ? "" : " (there is no " + next + ")"));
                }
                problem = safety ? unsafe(found.get(), script) : Optional.empty();
                if (found.get().facts().kind() != FileFacts.Kind.SYMLINK) {
                    at = found.get();
                    continue;
                }
                if (++links > MAX_LINKS) {
                    return Optional.of(script + " has too many levels of symbolic links");
                }
                // The link's target is walked in its place: relative to the link's directory, or from /.
                Path target = files.readLink(next);
                List<String> names = new ArrayList<>();
                target.forEach(part -> names.add(part.toString()));
                for (int i = names.size() - 1; i >= 0; i--) {
                    todo.addFirst(names.get(i));
                }
                if (target.isAbsolute()) {
                    at = root;
                }
            }
            Entry last = at;
            return problem.or(() -> runnable(last, script, executable));
        } catch (IOException e) {
            return Optional.of("cannot check " + script + ": " + (e.getMessage() == null ? e : e.getMessage()));
        }
    }

    private Optional<Entry> lookUp(Path path) throws IOException {
        return files.lstat(path).map(facts -> new Entry(path, facts));
    }

    private record Entry(Path path, FileFacts.Entry facts) {
    }

    private static Optional<String> runnable(Entry last, Path script, boolean executable) {
        FileFacts.Kind kind = last.facts().kind();
        if (kind != FileFacts.Kind.FILE) {
            return Optional.of(on(last.path(), script) + " is not a regular file (it is "
                    + (kind == FileFacts.Kind.DIRECTORY ? "a directory" : "a device, socket or pipe") + ")");
        }
        if (executable && (last.facts().mode() & 0111) == 0) {
            return Optional.of(on(last.path(), script) + " is not executable (mode " + octal(last.facts().mode())
                    + "); chmod +x " + last.path());
        }
        return Optional.empty();
    }

    private static Optional<String> unsafe(Entry entry, Path script) {
        FileFacts.Entry facts = entry.facts();
        boolean link = facts.kind() == FileFacts.Kind.SYMLINK;
        if (facts.uid() != 0) {
            // chown follows links; -h changes the link itself.
            return Optional.of(on(entry.path(), script) + " is owned by uid " + facts.uid() + ", not root; " + RISK
                    + ": chown " + (link ? "-h " : "") + "root " + entry.path());
        }
        int writable = facts.mode() & 022;
        boolean stickyDir = facts.kind() == FileFacts.Kind.DIRECTORY && (facts.mode() & 01000) != 0;
        // A link's own mode is meaningless: only who may replace it counts, and that is its directory's business.
        if (writable == 0 || link || stickyDir) {
            return Optional.empty();
        }
        String who = writable == 022 ? "group and others" : writable == 020 ? "group" : "others";
        return Optional.of(on(entry.path(), script) + " is writable by " + who + " (mode " + octal(facts.mode())
                + "); " + RISK + ": chmod go-w " + entry.path());
    }

    /** The path, saying how it relates to the script when it is not the script as written. */
    private static String on(Path path, Path script) {
        return path.equals(script) ? path.toString() : path + " (on the way to " + script + ")";
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }
}
