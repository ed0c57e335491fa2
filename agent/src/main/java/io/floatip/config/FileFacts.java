package io.floatip.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** What the script safety check asks of the file system; tests point it at trees they build. */
interface FileFacts {

    enum Kind { FILE, DIRECTORY, SYMLINK, OTHER }

    /** @param mode the permission bits with setuid, setgid and sticky (07777) */
    record Entry(Kind kind, int uid, int mode) {
    }

    /** The entry at {@code path} itself (a symbolic link is not followed), or empty when there is none. */
    Optional<Entry> lstat(Path path) throws IOException;

    /** Where a symbolic link points, as written in it. */
    Path readLink(Path link) throws IOException;

    static FileFacts local() {
        return LocalFileFacts.INSTANCE;
    }
}
