package dev.sluice.local.totesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.local.totesys.StatePairing.Observed;
import dev.sluice.local.totesys.StatePairing.Setup;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The start-up rule pairing the PostgreSQL cluster with the S3 Totesys state, case by case. */
class StatePairingTest {

    private static final Path DATA = Path.of(".sluice");
    private static final String FOLDERS = ".sluice/s3/sluice-ingestion and .sluice/s3/sluice-processed hold Totesys"
            + " state (watermarks, batches) ";
    private static final String ADVICE = "; delete both folders to start the Totesys chain over from the databases in"
            + " .sluice/postgres (or delete .sluice to start from scratch)";

    private final StatePairing pairing =
            new StatePairing(null, "sluice-ingestion", "sluice-processed", DATA, DATA.resolve("postgres"));

    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of("first start: new cluster, no S3 state", found(null, null, false), Setup.CREATE),
                Arguments.of("restart: same cluster id on both sides", found("a", "a", true), Setup.REUSE),
                Arguments.of(
                        "bucket folders deleted: the warehouse derived from them is rebuilt",
                        found("a", null, false),
                        Setup.REBUILD_WAREHOUSE));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(
                        "postgres folder deleted",
                        found(null, "a", true),
                        "taken from a PostgreSQL cluster that is gone (.sluice/postgres is new)"),
                Arguments.of(
                        "postgres folder deleted before the marker was written",
                        found(null, null, true),
                        "taken from a PostgreSQL cluster that is gone (.sluice/postgres is new)"),
                Arguments.of(
                        "another cluster's state",
                        found("a", "b", true),
                        "of PostgreSQL cluster b, but .sluice/postgres holds cluster a"),
                Arguments.of(
                        "ingestion folder deleted, processed kept",
                        found("a", null, true),
                        "not marked as taken from the PostgreSQL cluster in .sluice/postgres"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void decides(String situation, Observed observed, Setup expected) {
        assertThat(pairing.decide(observed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithOneLineNamingTheFoldersToDelete(String situation, Observed observed, String reason) {
        assertThatThrownBy(() -> pairing.decide(observed))
                .isInstanceOf(LocalStateMismatchException.class)
                .hasMessage(FOLDERS + reason + ADVICE);
    }

    private static Observed found(String clusterId, String s3ClusterId, boolean s3HasState) {
        return new Observed(Optional.ofNullable(clusterId), Optional.ofNullable(s3ClusterId), s3HasState);
    }
}
