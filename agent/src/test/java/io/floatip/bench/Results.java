package io.floatip.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every sample the benchmark took, keyed by row (scenario, advert interval, measure) and agent, in the order
 * the rows were first seen; plus notes (timeouts, skipped samples) to print under the table.
 */
final class Results {
    record Row(String scenario, String interval, String measure, String unit) {
    }

    private final Map<Row, Map<String, List<Double>>> samples = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    synchronized void add(Row row, String agent, double value) {
        samples.computeIfAbsent(row, r -> new LinkedHashMap<>()).computeIfAbsent(agent, a -> new ArrayList<>())
                .add(value);
    }

    /** A row with no sample yet for {@code agent}, so it shows as missing rather than not at all. */
    synchronized void declare(Row row, String agent) {
        samples.computeIfAbsent(row, r -> new LinkedHashMap<>()).computeIfAbsent(agent, a -> new ArrayList<>());
    }

    /** Whether {@code agent} has this row, declared or with samples. */
    synchronized boolean declared(Row row, String agent) {
        return samples.getOrDefault(row, Map.of()).containsKey(agent);
    }

    synchronized void note(String text) {
        notes.add(text);
        System.out.println("[bench] note: " + text);
    }

    synchronized List<Row> rows() {
        return List.copyOf(samples.keySet());
    }

    synchronized List<Double> samples(Row row, String agent) {
        return List.copyOf(samples.getOrDefault(row, Map.of()).getOrDefault(agent, List.of()));
    }

    synchronized Stats stats(Row row, String agent) {
        return Stats.of(samples(row, agent));
    }

    /** The row with these three fields, whatever its unit; null if none. */
    synchronized Row find(String scenario, String interval, String measure) {
        for (Row r : samples.keySet()) {
            if (r.scenario().equals(scenario) && r.interval().equals(interval) && r.measure().equals(measure)) {
                return r;
            }
        }
        return null;
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
