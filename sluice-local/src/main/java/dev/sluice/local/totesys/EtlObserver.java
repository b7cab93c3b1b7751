package dev.sluice.local.totesys;

import dev.sluice.etl.extract.ExtractSummary;
import dev.sluice.etl.load.LoadSummary;
import dev.sluice.etl.transform.TransformSummary;

/** Told about every run of the local ETL chain (the console counts and lists them); called on the chain's thread. */
public interface EtlObserver {

    EtlObserver NONE = new EtlObserver() {};

    /** The three functions of the Totesys chain, in order. */
    enum Stage {
        EXTRACT,
        TRANSFORM,
        LOAD
    }

    default void extracted(ExtractSummary summary) {}

    default void transformed(TransformSummary summary) {}

    default void loaded(LoadSummary summary) {}

    default void failed(Stage stage, RuntimeException failure) {}
}
