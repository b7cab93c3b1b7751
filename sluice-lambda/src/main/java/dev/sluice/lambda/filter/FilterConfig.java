package dev.sluice.lambda.filter;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.ConfigurationException;
import dev.sluice.aws.config.Settings;
import dev.sluice.core.csv.ColumnSelection;
import dev.sluice.core.csv.Comparison;
import dev.sluice.core.csv.CsvLimits;
import dev.sluice.core.csv.CsvNumbers;
import dev.sluice.core.csv.FilterRule;
import dev.sluice.core.csv.MatchMode;
import dev.sluice.core.csv.RaggedRowPolicy;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The filter function's configuration, read and validated once at start-up.
 *
 * @param destinationBucket {@code DESTINATION_BUCKET} (required)
 * @param outputPrefix      {@code OUTPUT_PREFIX}: prepended to the source key (default empty)
 * @param rule              {@code FILTER_THRESHOLD} (4.7), {@code FILTER_OP} (gt), {@code FILTER_COLUMNS} (*),
 *                          {@code FILTER_MATCH} (any), {@code FILTER_RAGGED} (tolerate)
 * @param sourceBucket      {@code SOURCE_BUCKET}, optional: only used to refuse a configuration that loops
 * @param logLevel          {@code LOG_LEVEL} (INFO); applied by log4j2.xml, validated here
 * @param maxRecordBytes    {@code MAX_RECORD_SIZE} (16MiB): the longest row held in memory; a longer one fails the
 *                          file (RECORD_TOO_LONG) instead of the function running out of memory
 */
public record FilterConfig(
        String destinationBucket,
        String outputPrefix,
        FilterRule rule,
        Optional<String> sourceBucket,
        String logLevel,
        int maxRecordBytes) {

    public static final String DESTINATION_BUCKET = "DESTINATION_BUCKET";
    public static final String OUTPUT_PREFIX = "OUTPUT_PREFIX";
    public static final String FILTER_THRESHOLD = "FILTER_THRESHOLD";
    public static final String FILTER_OP = "FILTER_OP";
    public static final String FILTER_COLUMNS = "FILTER_COLUMNS";
    public static final String FILTER_MATCH = "FILTER_MATCH";
    public static final String FILTER_RAGGED = "FILTER_RAGGED";
    public static final String SOURCE_BUCKET = "SOURCE_BUCKET";
    public static final String LOG_LEVEL = "LOG_LEVEL";
    public static final String MAX_RECORD_SIZE = "MAX_RECORD_SIZE";
    /** What FILTER_THRESHOLD must look like: the grammar of cells and of the CLI's --threshold. */
    static final String NUMBER_GRAMMAR = "a number like the CLI's --threshold ([+-]digits[.digits][e[+-]digits],"
            + " e.g. 4.7; no NaN, Infinity, hex or type suffix)";

    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    public FilterConfig {
        if (sourceBucket.isPresent() && sourceBucket.get().equals(destinationBucket) && outputPrefix.isEmpty()) {
            throw new ConfigurationException("loop guard: SOURCE_BUCKET and DESTINATION_BUCKET are both '"
                    + destinationBucket + "' and OUTPUT_PREFIX is empty, so every output would overwrite its source"
                    + " and trigger the function again; use another destination bucket or set OUTPUT_PREFIX");
        }
    }

    public static FilterConfig from(ConfigSource source) {
        Settings env = new Settings(source);
        String destination = env.required(DESTINATION_BUCKET, "the bucket that receives the filtered CSV files");
        FilterRule rule = FilterRule.defaults()
                .withThreshold(env.parsed(
                        FILTER_THRESHOLD, FilterRule.DEFAULT_THRESHOLD, NUMBER_GRAMMAR, FilterConfig::number))
                .withOp(env.parsed(FILTER_OP, Comparison.GT, "one of gt, ge, lt, le, eq, ne", Comparison::parse))
                .withColumns(env.parsed(
                        FILTER_COLUMNS,
                        ColumnSelection.parse("*"),
                        "'*' or a comma list of header names / 1-based indexes",
                        ColumnSelection::parse))
                .withMatch(env.parsed(FILTER_MATCH, MatchMode.ANY, "any or all", MatchMode::parse))
                .withRagged(env.parsed(
                        FILTER_RAGGED,
                        RaggedRowPolicy.TOLERATE,
                        "tolerate or reject",
                        s -> RaggedRowPolicy.valueOf(s.toUpperCase(Locale.ROOT))));
        String logLevel = env.parsed(
                LOG_LEVEL,
                "INFO",
                "one of " + String.join(", ", LOG_LEVELS.stream().sorted().toList()),
                s -> {
                    String level = s.toUpperCase(Locale.ROOT);
                    if (!LOG_LEVELS.contains(level)) {
                        throw new IllegalArgumentException("unknown level");
                    }
                    return level;
                });
        int maxRecordBytes = env.parsed(
                MAX_RECORD_SIZE,
                CsvLimits.DEFAULT_MAX_RECORD_BYTES,
                "a size in bytes, or with K, M or G (e.g. 16MiB)",
                CsvLimits::parseSize);
        return new FilterConfig(
                destination,
                env.string(OUTPUT_PREFIX, ""),
                rule,
                env.optional(SOURCE_BUCKET),
                logLevel,
                maxRecordBytes);
    }

    /**
     * The cells' number grammar ({@link CsvNumbers}), not {@link Double#parseDouble}: that one takes {@code Infinity},
     * {@code 4.7d} and {@code 0x1p3}, and {@code NaN} would make the rule never match.
     */
    static double number(String text) {
        return CsvNumbers.parse(text).orElseThrow(() -> new IllegalArgumentException("not a number"));
    }

    /** Where the filtered copy of {@code sourceKey} goes. */
    public String outputKey(String sourceKey) {
        return outputPrefix + sourceKey;
    }
}
