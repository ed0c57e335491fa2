package io.floatip.importer;

/** Where a keepalived statement is: the file as the user would name it, and its line (1-based). */
public record Place(String file, int line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
