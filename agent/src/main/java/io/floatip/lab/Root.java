package io.floatip.lab;

import io.floatip.os.Privileges;

/** The lab's demand for root, with the message that says why. */
final class Root {

    static final String NEEDS_ROOT = "floatip's lab needs root: network namespaces, veth pairs and bridges"
            + " can only be created by root (run as root, e.g. with sudo, or in a privileged container)";

    private Root() {
    }

    static boolean isRoot() {
        return Privileges.isRoot();
    }

    static void require() {
        if (!isRoot()) {
            throw new LabException(NEEDS_ROOT);
        }
    }
}
