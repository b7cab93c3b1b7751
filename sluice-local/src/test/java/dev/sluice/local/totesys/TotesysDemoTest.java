package dev.sluice.local.totesys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.s3.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The Totesys part of {@code sluice demo}: the second cycle brings the churn's visible changes into the report. */
class TotesysDemoTest {

    @Test
    void theReportAfterChurnShowsTheRenamedDepartmentAndTheRepricedOrderAsNewLines() throws Exception {
        try (S3ProxyServer proxy = S3ProxyServer.start()) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            TotesysDemo.Result result = TotesysDemo.run(proxy.client(), new PrintStream(printed, true, UTF_8));
            String out = printed.toString(UTF_8);

            assertThat(result.changesArrived()).as(out).isTrue();
            assertThat(out)
                    .contains(
                            "Cycle 1 (full):",
                            "Cycle 2 (incremental):",
                            "Sales by month and currency",
                            "Totesys ETL demo: the changes arrived in ");
            assertThat(result.reportBefore()).doesNotContain(TotesysDemo.RENAMED_DEPARTMENT);
            assertThat(result.reportAfter())
                    .contains("Staff member " + result.staffId(), TotesysDemo.RENAMED_DEPARTMENT);
            // The staff row lost its old department and gained the new one; the history gained the repriced
            // order's new version (a fact row is appended, the old one is kept).
            assertThat(result.changedLines())
                    .anyMatch(l -> l.startsWith("- " + result.staffId() + " "))
                    .anyMatch(l ->
                            l.startsWith("+ " + result.staffId() + " ") && l.contains(TotesysDemo.RENAMED_DEPARTMENT));
            long historyBefore = historyRows(result.reportBefore());
            long historyAfter = historyRows(result.reportAfter());
            assertThat(historyAfter).isGreaterThan(historyBefore);
            assertThat(result.reportAfter()).isNotEqualTo(result.reportBefore());
        }
    }

    @Test
    void changedLinesIgnoreColumnPaddingAndListRemovedThenAddedLines() {
        String before = "Table:\n  a   1\n  bb  2\n";
        String after = "Table:\n  a    1\n  bb   3\n  ccc  4\n";

        assertThat(TotesysDemo.changedLines(before, after)).containsExactly("- bb 2", "+ bb 3", "+ ccc 4");
    }

    /** Lines of the staff history table after its header. */
    private static long historyRows(String report) {
        String history = report.substring(report.indexOf("Their sales order history"));
        return history.lines().skip(2).filter(l -> !l.isBlank()).count();
    }
}
