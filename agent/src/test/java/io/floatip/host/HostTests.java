package io.floatip.host;

import io.floatip.lab.Lab;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Host tests need root for namespaces and raw frames. Skipped without it, except under CI, where that fails. */
final class HostTests {
    private HostTests() {
    }

    static void requireRoot() {
        if (Lab.isRoot()) {
            return;
        }
        String why = "host tests need root (network namespaces, raw frames); run them as root";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why + ": under CI a skipped host test is a failure");
        }
        Assumptions.abort(why);
    }

    static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
