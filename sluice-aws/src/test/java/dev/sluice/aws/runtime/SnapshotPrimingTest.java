package dev.sluice.aws.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapshotPrimingTest {

    @Test
    void theStepRunsBeforeTheCheckpointAndNothingRunsAfterRestore() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        var hook = SnapshotPriming.register(runs::incrementAndGet);
        hook.beforeCheckpoint(null);
        hook.afterRestore(null);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aFailingStepFailsTheCheckpointWithItsOwnException() {
        var hook = SnapshotPriming.register(() -> {
            throw new IOException("sample did not parse");
        });
        assertThatThrownBy(() -> hook.beforeCheckpoint(null))
                .isInstanceOf(IOException.class)
                .hasMessage("sample did not parse");
    }
}
