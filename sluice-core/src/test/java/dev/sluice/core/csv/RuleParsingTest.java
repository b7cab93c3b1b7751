package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleParsingTest {

    @Test
    void comparisonParsesCaseInsensitivelyAndNamesTheChoicesOnError() {
        assertThat(Comparison.parse("gt")).isEqualTo(Comparison.GT);
        assertThat(Comparison.parse(" Le ")).isEqualTo(Comparison.LE);
        assertThatThrownBy(() -> Comparison.parse("bigger"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown comparison 'bigger'; choose one of [gt, ge, lt, le, eq, ne]");
        assertThatThrownBy(() -> Comparison.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparisonTestsValueAgainstThreshold() {
        assertThat(Comparison.GT.test(5, 4.7)).isTrue();
        assertThat(Comparison.GE.test(4.7, 4.7)).isTrue();
        assertThat(Comparison.LT.test(4.7, 4.7)).isFalse();
        assertThat(Comparison.LE.test(4.7, 4.7)).isTrue();
        assertThat(Comparison.EQ.test(-0.0, 0.0)).isTrue();
        assertThat(Comparison.NE.test(1, 4.7)).isTrue();
    }

    @Test
    void matchModeParsesAndNamesTheChoicesOnError() {
        assertThat(MatchMode.parse("ALL")).isEqualTo(MatchMode.ALL);
        assertThatThrownBy(() -> MatchMode.parse("some"))
                .hasMessage("unknown match mode 'some'; choose one of [any, all]");
    }

    @Test
    void columnSelectionParsesStarAndLists() {
        assertThat(ColumnSelection.parse("*")).isSameAs(ColumnSelection.ALL);
        assertThat(ColumnSelection.parse(" price , 3 ")).isEqualTo(new ColumnSelection.Listed(List.of("price", "3")));
        assertThat(ColumnSelection.parse("a,3")).hasToString("a,3");
        assertThatThrownBy(() -> ColumnSelection.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty column selection");
        assertThatThrownBy(() -> ColumnSelection.parse("a,,b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty item in column selection 'a,,b'");
    }

    @Test
    void defaultsAreTheSeedThresholdOverEveryColumn() {
        FilterRule rule = FilterRule.defaults();
        assertThat(rule)
                .isEqualTo(new FilterRule(
                        4.7, Comparison.GT, ColumnSelection.ALL, MatchMode.ANY, RaggedRowPolicy.TOLERATE));
        assertThat(rule.describe()).isEqualTo("gt 4.7 columns=* match=any");
    }

    @Test
    void withersChangeOneComponentAndDescribeShowsThem() {
        FilterRule rule = FilterRule.defaults()
                .withThreshold(10)
                .withOp(Comparison.LE)
                .withColumns(ColumnSelection.parse("a,2"))
                .withMatch(MatchMode.ALL)
                .withRagged(RaggedRowPolicy.REJECT);
        assertThat(rule.describe()).isEqualTo("le 10 columns=a,2 match=all strict");
    }

    @Test
    void aNanThresholdIsRejected() {
        assertThatThrownBy(() -> FilterRule.defaults().withThreshold(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold must be a number, not NaN");
    }
}
