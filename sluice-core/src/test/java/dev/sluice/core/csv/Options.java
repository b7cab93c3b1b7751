package dev.sluice.core.csv;

/** Parses test option strings like {@code "op=ge t=5 columns=a,2 match=all strict"} into a {@link FilterRule}. */
final class Options {
    private Options() {}

    static FilterRule rule(String options) {
        FilterRule rule = FilterRule.defaults();
        for (String option : options.trim().split("\\s+")) {
            if (option.isEmpty()) {
                continue;
            }
            if (option.equals("strict")) {
                rule = rule.withRagged(RaggedRowPolicy.REJECT);
                continue;
            }
            String[] kv = option.split("=", 2);
            rule = switch (kv[0]) {
                case "t" -> rule.withThreshold(Double.parseDouble(kv[1]));
                case "op" -> rule.withOp(Comparison.parse(kv[1]));
                case "columns" -> rule.withColumns(ColumnSelection.parse(kv[1]));
                case "match" -> rule.withMatch(MatchMode.parse(kv[1]));
                default -> throw new IllegalArgumentException("bad test option " + option);
            };
        }
        return rule;
    }
}
