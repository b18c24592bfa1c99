package com.governancemetrics.input;

/**
 * One column of an input dataset's contract (SPEC §1).
 *
 * @param codeLength for {@link ColumnKind#CODE}, the exact number of digits; 0 otherwise
 * @param required a file without it is a dataset-level fault
 */
public record ColumnSpec(String name, ColumnKind kind, int codeLength, boolean required) {

  public static ColumnSpec code(String name, int length) {
    return new ColumnSpec(name, ColumnKind.CODE, length, true);
  }

  public static ColumnSpec optionalCode(String name, int length) {
    return new ColumnSpec(name, ColumnKind.CODE, length, false);
  }

  public static ColumnSpec of(String name, ColumnKind kind) {
    return new ColumnSpec(name, kind, 0, true);
  }

  public static ColumnSpec optional(String name, ColumnKind kind) {
    return new ColumnSpec(name, kind, 0, false);
  }
}
