package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sandbox and the AWS clients start beside the first frame only where cores are to spare, unless told. */
class FirstFrameOverlapTest {
    @Test
    void onTwoCoresTheWindowComesFirst() {
        assertThat(FirstFrameOverlap.beside(null, 2)).isFalse();
        assertThat(FirstFrameOverlap.beside(null, 3)).isFalse();
    }

    @Test
    void withCoresToSpareTheWorkGoesBesideTheFirstFrame() {
        assertThat(FirstFrameOverlap.beside(null, 4)).isTrue();
        assertThat(FirstFrameOverlap.beside(null, 16)).isTrue();
    }

    @Test
    void thePropertyDecidesWhenSet() {
        assertThat(FirstFrameOverlap.beside("true", 2)).isTrue();
        assertThat(FirstFrameOverlap.beside("false", 16)).isFalse();
        // Anything else is as if unset.
        assertThat(FirstFrameOverlap.beside("yes", 2)).isFalse();
        assertThat(FirstFrameOverlap.beside("", 8)).isTrue();
    }
}
