package io.floatip.lab;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The one gate for tests that need the host: root (namespaces, raw frames, root-owned files) or a tool on the
 * PATH. Without it a test is skipped, except under CI (CI=true), where a skip would hide that it never ran and
 * is a failure instead. scripts/deps.sh installs every tool a test asks for here (FLOATIP_TEST_DEPS).
 */
public final class HostTests {
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private HostTests() {
    }

    /** CI's runs set CI=true. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the test with {@code why}, or fails it under CI. */
    public static void skipOrFail(String why) {
        if (underCi()) {
            fail(why + " (CI=true: a skip is a failure)");
        }
        Assumptions.abort("skipped: " + why);
    }

    /** The lab's own reason: namespaces, veth pairs and bridges. */
    public static void requireRoot() {
        requireRoot(Root.NEEDS_ROOT);
    }

    /** @param why what the test does that needs root, and how to run it */
    public static void requireRoot(String why) {
        if (!Lab.isRoot()) {
            skipOrFail(why);
        }
    }

    /** The executable {@code name} from the usual system directories, which the Debian package provides. */
    public static Path requireTool(String name, String debianPackage) {
        for (String dir : PATH.split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        skipOrFail(name + " is not installed (Debian package " + debianPackage + "; scripts/deps.sh installs it)");
        throw new AssertionError("unreachable");
    }
}
