package io.floatip.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, p90 and max of a few samples (nearest rank: with 7 samples p90 is the 7th, the max). */
record Stats(int n, double median, double p90, double max) {

    static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            return null;
        }
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int n = s.size();
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        double p90 = s.get(Math.max(0, (int) Math.ceil(0.9 * n) - 1));
        return new Stats(n, median, p90, s.get(n - 1));
    }
}
