package io.floatip.importer;

import java.util.Optional;

/** The {@code @ID} lines of one import, across its files: read or skipped for its {@link ConfigId}. */
final class ConfigIdLines {
    private final ConfigId configId;
    private Place first;
    private int read;
    private int skipped;

    /** @param configId null: keepalived without an id, which reads only {@code @^ID} lines (no notes) */
    ConfigIdLines(ConfigId configId) {
        this.configId = configId;
    }

    /**
     * Whether the line is read; a skipped one gets a note in {@code notes}.
     *
     * @param shown the line as it starts, for the note
     */
    boolean reads(String lineId, boolean reversed, String shown, Place place, java.util.List<Warning> notes) {
        if (configId == null) {
            return reversed;
        }
        first = first == null ? place : first;
        boolean reads = configId.reads(lineId, reversed);
        if (reads) {
            read++;
        } else {
            skipped++;
            notes.add(Warning.note(shown + ": skipped: keepalived reads it " + (reversed ? "with every config id but "
                    : "only with config id ") + lineId + ", and this import is for " + configId.id(), place));
        }
        return reads;
    }

    /** One note on which id was used and how to choose another; empty when no line starts with {@code @}. */
    Optional<Warning> summary() {
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of(Warning.note("config id " + configId.origin() + ": " + read + " line(s) starting with @ "
                + "read for it, " + skipped + " skipped; import once per node, with --config-id ID for each (one "
                + "floatip config per node)", first));
    }
}
