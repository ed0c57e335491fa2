package io.floatip.config;


import io.floatip.lab.HostTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Test machines for host checks: real files under a temp dir (JUnit's, made by Files.createTempDirectory:
 * root's and 0700 when tests run as root, as in CI) that stands in for /, and a passwd text and euid given by
 * the test.
 */
final class TestHost {

    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/bash
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
            floatip_script:x:998:998::/nonexistent:/usr/sbin/nologin
            alice:x:1000:1000:Alice:/home/alice:/bin/bash
            """;

    private TestHost() {
    }

    /** The file-owner rules make every file a non-root user creates unsafe; CI runs as root and must not skip. */
    static void assumeRootOrCi() {
        HostTests.requireRoot("host-check tests build root-owned files: run as root (CI=true makes them mandatory)");
    }

    /** Accounts with {@code passwd} as /etc/passwd and the agent running as {@code euid}. */
    record FakeAccounts(String passwd, int euid) implements Accounts {
        @Override
        public int effectiveUid() {
            return euid;
        }
    }

    /** This machine's files, but with {@code root} standing for /, so a test can build any tree it needs. */
    record RootedFiles(Path root) implements FileFacts {

        @Override
        public Optional<Entry> lstat(Path path) throws IOException {
            return FileFacts.local().lstat(inside(path));
        }

        // Link targets stay as written: the walk reads them in the view's own terms.
        @Override
        public Path readLink(Path link) throws IOException {
            return FileFacts.local().readLink(inside(link));
        }

        private Path inside(Path path) {
            return root.resolve(Path.of("/").relativize(path).toString());
        }

        /** Creates {@code path} (as seen in the view) with {@code text} and the given mode, parents 0755. */
        Path file(String path, String mode) throws IOException {
            Path real = inside(Path.of(path));
            Files.createDirectories(real.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.writeString(real, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(real, PosixFilePermissions.fromString(mode));
            return real;
        }

        Path real(String path) {
            return inside(Path.of(path));
        }
    }

    /** The host with {@code files}, {@link #PASSWD}, and the agent running as root. */
    static HostChecks host(FileFacts files) {
        return new HostChecks(new FakeAccounts(PASSWD, 0), files);
    }

    static HostChecks host(FileFacts files, String passwd, int euid) {
        return new HostChecks(new FakeAccounts(passwd, euid), files);
    }
}
