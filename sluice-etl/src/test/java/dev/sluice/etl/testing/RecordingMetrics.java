package dev.sluice.etl.testing;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Powertools Metrics that remembers what each flush would have emitted (name → value per flush). */
public final class RecordingMetrics implements Metrics {

    private final Map<String, Double> pending = new LinkedHashMap<>();
    private final List<Map<String, Double>> flushed = new ArrayList<>();

    /** The metrics of each flushed invocation, oldest first. */
    public List<Map<String, Double>> flushed() {
        return flushed;
    }

    public Map<String, Double> last() {
        return flushed.getLast();
    }

    @Override
    public void addMetric(String key, double value, MetricUnit unit, MetricResolution resolution) {
        pending.merge(key, value, Double::sum);
    }

    @Override
    public void flush() {
        flushed.add(Map.copyOf(pending));
        pending.clear();
    }

    @Override
    public void addDimension(DimensionSet dimensionSet) {}

    @Override
    public void setTimestamp(Instant timestamp) {}

    @Override
    public void addMetadata(String key, Object value) {}

    @Override
    public void setDefaultDimensions(DimensionSet dimensionSet) {}

    @Override
    public DimensionSet getDefaultDimensions() {
        return DimensionSet.of(Map.of());
    }

    @Override
    public void setNamespace(String namespace) {}

    @Override
    public void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {}

    @Override
    public void clearDefaultDimensions() {}

    @Override
    public void captureColdStartMetric(Context context, DimensionSet dimensions) {}

    @Override
    public void captureColdStartMetric(DimensionSet dimensions) {}

    @Override
    public void flushMetrics(Consumer<Metrics> metricsConsumer) {
        metricsConsumer.accept(this);
    }
}
