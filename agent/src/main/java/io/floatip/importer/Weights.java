package io.floatip.importer;

import java.util.List;
import java.util.Optional;

/** keepalived's {@code weight N [reverse]}, in floatip's range -253..253, which has no reverse. */
final class Weights {

    static final int MIN = -253;
    static final int MAX = 253;
    /** keepalived's spellings of "not reversed": the default, so nothing is lost. */
    private static final List<String> NOT_REVERSED = List.of("noreverse", "no_reverse");

    private Weights() {
    }

    /**
     * The weight at {@code words[at]}, with an optional reverse word after it; empty after a warning.
     *
     * @param s the statement the words belong to, named in warnings
     */
    static Optional<Integer> parse(Statement s, List<String> words, int at, Scope scope) {
        Optional<Integer> weight = Numbers.integer(at < words.size() ? words.get(at) : null, MIN, MAX);
        if (weight.isEmpty()) {
            scope.notMapped(s, "floatip weights are -253 to 253");
            return Optional.empty();
        }
        String option = at + 1 < words.size() ? words.get(at + 1) : null;
        if ("reverse".equals(option)) {
            scope.notMapped(s, "floatip has no reverse weights");
            return Optional.empty();
        }
        if (option != null && !NOT_REVERSED.contains(option)) {
            scope.notMapped(s, "unknown weight option " + option);
            return Optional.empty();
        }
        return weight;
    }
}
