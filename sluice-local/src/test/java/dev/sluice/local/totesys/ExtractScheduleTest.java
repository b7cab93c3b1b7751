package dev.sluice.local.totesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.etl.extract.ExtractConfig;
import dev.sluice.etl.extract.ExtractSummary;
import dev.sluice.etl.extract.Extractor;
import dev.sluice.local.stack.LocalStack;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the local schedule: the running run finishes before {@link ExtractSchedule#close} returns. */
class ExtractScheduleTest {

    @TempDir
    Path dataDir;

    @Test
    void closeWaitsForTheRunningRunAndStartsNoOther() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        ExtractSchedule.Listener slowStage = new ExtractSchedule.Listener() {
            @Override
            public void completed(ExtractSummary summary) {
                throw new AssertionError("there is no database: the extract cannot complete");
            }

            @Override
            public void failed(RuntimeException failure) { // stands for a transform/load still running
                runs.incrementAndGet();
                running.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (LocalStack stack = LocalStack.builder().port(0).dataDir(dataDir).start()) {
            Extractor extractor = new Extractor(
                    ExtractConfig.totesys("schedule-test"),
                    () -> {
                        throw new SQLException("no database in this test");
                    },
                    stack.s3(),
                    Clock.systemUTC());
            ExtractSchedule schedule = ExtractSchedule.start(extractor, Duration.ofMillis(10), slowStage);
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
                try {
                    schedule.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                closed.get(300, TimeUnit.MILLISECONDS);
                throw new AssertionError("close returned while a run was still going");
            } catch (TimeoutException expected) {
                // still waiting for the running run, as it should
            }
            release.countDown();
            closed.get(30, TimeUnit.SECONDS);
            assertThat(runs).as("no run started after close").hasValue(1);
        }
    }
}
