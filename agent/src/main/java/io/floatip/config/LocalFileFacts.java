package io.floatip.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** This machine's files, through the JDK's "unix" view: the only one that gives the owner's uid and the sticky bit. */
final class LocalFileFacts implements FileFacts {

    static final LocalFileFacts INSTANCE = new LocalFileFacts();

    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMLINK = 0120000;

    private LocalFileFacts() {
    }

    @Override
    public Optional<Entry> lstat(Path path) throws IOException {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(path, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        int mode = (Integer) attributes.get("mode");
        Kind kind = switch (mode & TYPE_MASK) {
            case REGULAR -> Kind.FILE;
            case DIRECTORY -> Kind.DIRECTORY;
            case SYMLINK -> Kind.SYMLINK;
            default -> Kind.OTHER;
        };
        return Optional.of(new Entry(kind, (Integer) attributes.get("uid"), mode & 07777));
    }

    @Override
    public Path readLink(Path link) throws IOException {
        return Files.readSymbolicLink(link);
    }
}
