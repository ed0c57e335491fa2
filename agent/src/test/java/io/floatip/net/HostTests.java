package io.floatip.net;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Host tests need root (to create network namespaces). Elsewhere they are skipped, except on CI
 * (CI=true), where skipping would hide that they never ran.
 */
final class HostTests {
    private HostTests() {
    }

    static void requireRoot() {
        if (io.floatip.os.Privileges.isRoot()) {
            return;
        }
        String reason = "host netlink tests need root to create network namespaces";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + " (CI=true, so not skipping)");
        }
        assumeTrue(false, reason + "; skipped");
    }
}
