package io.callbackconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SamplesTest {

    private static Samples of(double... values) {
        Samples samples = new Samples();
        for (double v : values) {
            samples.add(v);
        }
        return samples;
    }

    @Test
    void aDriftOverTheRunsCancelsWithinEachPair() {
        // The machine got twice as fast over the runs; the console is 0.9× its baseline in every pair.
        Samples console = of(90, 180, 95);
        Samples baseline = of(100, 200, 105.5556);
        assertThat(Samples.medianRatio(console, baseline)).isCloseTo(0.9, within(1e-4));
        // The ratio of the two medians mixes runs from different moments: 95 / 105.6 here, but 95 / 190 had the
        // third pair's baseline landed in a fast moment; the paired median stays 0.9 either way.
        Samples fastThird = of(100, 200, 190);
        assertThat(console.median() / fastThird.median()).isCloseTo(0.5, within(1e-4));
        assertThat(Samples.medianRatio(console, fastThird)).isCloseTo(0.9, within(1e-4));
    }

    @Test
    void medianOfAnOddAndAnEvenCount() {
        assertThat(of(3, 1, 2).median()).isEqualTo(2);
        assertThat(of(4, 1, 3, 2).median()).isEqualTo(2.5);
        assertThat(new Samples().median()).isNaN();
    }

    @Test
    void unpairedSamplesAreRefused() {
        assertThatThrownBy(() -> Samples.medianRatio(of(1, 2), of(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired");
    }
}
