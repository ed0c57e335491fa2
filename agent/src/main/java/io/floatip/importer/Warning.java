package io.floatip.importer;

/**
 * Something the import left out or changed, with where it is in the keepalived config.
 *
 * @param leftOut true for a setting floatip does not get (the import is incomplete: {@code --check} fails);
 *                false for a note on a setting that was carried over with a difference worth knowing
 */
public record Warning(boolean leftOut, String text, Place place) {

    public Warning {
        // The text ends up in a one-line YAML comment.
        text = text.replaceAll("[\\p{Cntrl}]", " ");
    }

    static Warning notMapped(String text, Place place) {
        return new Warning(true, text, place);
    }

    static Warning note(String text, Place place) {
        return new Warning(false, text, place);
    }

    /** The comment line's text, without the leading '# '. */
    public String comment() {
        return "floatip import: " + (leftOut ? "not mapped: " : "note: ") + text + " (" + place + ")";
    }
}
