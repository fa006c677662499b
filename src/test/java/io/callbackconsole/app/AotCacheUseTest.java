package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AotCacheUseTest {
    private static final String CACHE = "/opt/callback-console/lib/app/callback-console.aot";

    @Test
    void saysNothingWithoutTheOption() {
        assertThat(AotCacheUse.describe(List.of("-Dfile.encoding=UTF-8"), "mixed mode, sharing")).isEmpty();
    }

    @Test
    void theTrainingRunsOutputOptionIsNotACacheInUse() {
        assertThat(AotCacheUse.describe(List.of("-XX:AOTCacheOutput=" + CACHE), "mixed mode, sharing")).isEmpty();
    }

    @Test
    void aMappedCacheIsReportedAsUsed() {
        Optional<String> said = AotCacheUse.describe(List.of("-Xlog:disable", "-XX:AOTCache=" + CACHE),
                "mixed mode, sharing");
        assertThat(said).hasValueSatisfying(sentence -> {
            assertThat(sentence).isEqualTo("Started from the AOT cache " + CACHE);
            assertThat(AotCacheUse.used(sentence)).isTrue();
        });
    }

    @Test
    void aCacheTheJvmSkippedIsReportedAsNotUsed() {
        // A JVM that could not map its cache runs with no archive: java.vm.info then lacks "sharing".
        Optional<String> said = AotCacheUse.describe(List.of("-XX:AOTCache=" + CACHE), "mixed mode");
        assertThat(said).hasValueSatisfying(sentence -> {
            assertThat(sentence).startsWith("Started without the AOT cache " + CACHE + ": it does not match");
            assertThat(AotCacheUse.used(sentence)).isFalse();
        });
    }

    @Test
    void aMissingVmInfoIsNotTakenForUse() {
        assertThat(AotCacheUse.describe(List.of("-XX:AOTCache=" + CACHE), null).map(AotCacheUse::used))
                .contains(false);
    }
}
