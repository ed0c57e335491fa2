package io.floatip.importer;

/**
 * The keepalived config cannot be read at all (a missing file, unbalanced braces, an include cycle). The
 * message is one line that starts with FILE:LINE (or FILE when no line applies), to be printed as is.
 */
public final class ImportException extends Exception {

    public ImportException(Place place, String problem) {
        super(place + ": " + problem);
    }

    public ImportException(String file, String problem) {
        super(file + ": " + problem);
    }
}
