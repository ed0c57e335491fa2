package io.floatip.lab;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** Gate for tests that build real namespaces: skipped without root, but a CI run must not skip them. */
final class HostTests {

    private HostTests() {
    }

    static void requireRoot() {
        if (Lab.isRoot()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(Root.NEEDS_ROOT + " (CI=true, so this is a failure, not a skip)");
        }
        Assumptions.abort("skipped: " + Root.NEEDS_ROOT);
    }
}
