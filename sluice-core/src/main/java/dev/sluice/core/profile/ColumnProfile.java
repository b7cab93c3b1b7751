package dev.sluice.core.profile;

/**
 * One column of a profile.
 *
 * @param name         header name
 * @param type         inferred type
 * @param emptyCells   empty cells, including cells missing from short rows
 * @param numericCells cells that are numbers by the loader's rules
 * @param min          smallest numeric cell, null when there is none
 * @param max          largest numeric cell, null when there is none
 */
public record ColumnProfile(String name, ColumnType type, long emptyCells, long numericCells, Double min, Double max) {}
