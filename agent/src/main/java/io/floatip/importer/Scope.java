package io.floatip.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the warnings of one part of the output go: each is kept for the result and written as a comment into
 * that part's map, so it sits next to what it is about.
 */
final class Scope {

    private final List<Warning> all;
    private final YamlNode.MapNode target;
    private final List<Warning> mine = new ArrayList<>();

    /** @param all every warning of the import, shared by all scopes */
    Scope(List<Warning> all, YamlNode.MapNode target) {
        this.all = all;
        this.target = target;
    }

    Scope child(YamlNode.MapNode childTarget) {
        return new Scope(all, childTarget);
    }

    /** {@code statement} has no floatip equivalent; {@code why} says so in a few words. */
    void notMapped(Statement statement, String why) {
        add(Warning.notMapped(statement.text() + " (" + why + ")", statement.place()));
    }

    void notMapped(String text, Place place) {
        add(Warning.notMapped(text, place));
    }

    void note(String text, Place place) {
        add(Warning.note(text, place));
    }

    void add(Warning warning) {
        all.add(warning);
        mine.add(warning);
        target.comment(warning.comment());
    }

    /** Writes this scope's warnings into {@code other} too, for a part of the output that is dropped. */
    void moveTo(Scope other) {
        for (Warning warning : mine) {
            other.target.comment(warning.comment());
            other.mine.add(warning);
        }
    }
}
