package dev.sluice.aws.runtime;

import java.io.IOException;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A CRaC hook that runs a function's priming step before the SnapStart snapshot, so the classes of its hot path are
 * loaded and warm in the snapshot. Priming touches no network and captures nothing unique (no connection, no random
 * seed), so there is nothing to refresh after a restore.
 */
public final class SnapshotPriming implements Resource {

    /** The priming work: in-memory only. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    private final Step step;

    private SnapshotPriming(Step step) {
        this.step = step;
    }

    /**
     * Registers {@code step} with the global CRaC context. CRaC keeps only weak references to resources: keep the
     * returned hook in a static field or it may be collected before the snapshot.
     */
    public static Resource register(Step step) {
        Resource hook = new SnapshotPriming(step);
        Core.getGlobalContext().register(hook);
        return hook;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws IOException {
        step.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: priming opened no connection.
    }
}
