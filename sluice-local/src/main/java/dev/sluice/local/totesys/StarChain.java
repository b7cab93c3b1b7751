package dev.sluice.local.totesys;

import dev.sluice.etl.extract.ExtractSummary;
import dev.sluice.etl.load.LoadSummary;
import dev.sluice.etl.load.Loader;
import dev.sluice.etl.transform.TransformSummary;
import dev.sluice.etl.transform.Transformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for the two S3 triggers: after every extract run, the transform and then the load run, each
 * catching up on every batch not yet done (as the Lambdas do on any manifest event). It runs even when the
 * extract found no change, so a batch left by an earlier failure is still caught up. Failures are logged and the
 * next schedule tick retries; they never stop the schedule. Once {@link #stop} is called, no further stage starts
 * (the running one finishes): what is left is caught up at the next start.
 */
public final class StarChain implements ExtractSchedule.Listener {

    private static final Logger LOG = LoggerFactory.getLogger("sluice.local.totesys");

    private final ExtractSchedule.Listener extractListener;
    private final Transformer transformer;
    private final Loader loader;
    private final EtlObserver observer;
    private volatile boolean stopping;

    public StarChain(ExtractSchedule.Listener extractListener, Transformer transformer, Loader loader) {
        this(extractListener, transformer, loader, EtlObserver.NONE);
    }

    public StarChain(
            ExtractSchedule.Listener extractListener, Transformer transformer, Loader loader, EtlObserver observer) {
        this.extractListener = extractListener;
        this.transformer = transformer;
        this.loader = loader;
        this.observer = observer;
    }

    @Override
    public void completed(ExtractSummary summary) {
        extractListener.completed(summary);
        observer.extracted(summary);
        runTransformAndLoad();
    }

    @Override
    public void failed(RuntimeException failure) {
        extractListener.failed(failure);
        observer.failed(EtlObserver.Stage.EXTRACT, failure);
        runTransformAndLoad();
    }

    /** No stage starts after this call; a running one finishes. */
    public void stop() {
        stopping = true;
    }

    private void runTransformAndLoad() {
        EtlObserver.Stage stage = EtlObserver.Stage.TRANSFORM;
        try {
            if (skipped("transform")) {
                return;
            }
            TransformSummary transformed = transformer.run();
            observer.transformed(transformed);
            if (!transformed.transformed().isEmpty()) {
                LOG.info("totesys {}", transformed.describe());
            }
            if (skipped("load")) {
                return;
            }
            stage = EtlObserver.Stage.LOAD;
            LoadSummary loaded = loader.run();
            observer.loaded(loaded);
            if (!loaded.loaded().isEmpty()) {
                LOG.info("totesys {}", loaded.describe());
            }
        } catch (RuntimeException e) {
            LOG.error("totesys transform/load failed (next run retries): {}", e.getMessage());
            observer.failed(stage, e);
        }
    }

    private boolean skipped(String stage) {
        if (stopping) {
            LOG.info("totesys {}: not started, stopping (it catches up at the next start)", stage);
        }
        return stopping;
    }
}
