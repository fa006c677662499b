package io.callbackconsole.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The values one figure took over several runs: median and range, nothing fancier (the machine is noisy). */
final class Samples {
    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    void addAll(Samples other) {
        values.addAll(other.values);
    }

    List<Double> values() {
        return List.copyOf(values);
    }

    double lastValue() {
        return values.get(values.size() - 1);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    int count() {
        return values.size();
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The median of the run-by-run ratios {@code numerator[i] / denominator[i]}: each run pairs the console with its
     * baseline back to back, so a drift over the runs (JIT warm-up, a neighbour's build) cancels within each pair,
     * which a ratio of the two medians does not do.
     */
    static double medianRatio(Samples numerator, Samples denominator) {
        if (numerator.count() != denominator.count()) {
            throw new IllegalArgumentException("unpaired samples: " + numerator.count() + " and " + denominator.count());
        }
        Samples ratios = new Samples();
        for (int i = 0; i < numerator.count(); i++) {
            ratios.add(numerator.values.get(i) / denominator.values.get(i));
        }
        return ratios.median();
    }

    double min() {
        return values.isEmpty() ? Double.NaN : Collections.min(values);
    }

    double max() {
        return values.isEmpty() ? Double.NaN : Collections.max(values);
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
