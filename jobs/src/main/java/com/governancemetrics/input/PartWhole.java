package com.governancemetrics.input;

/** A part that may not exceed its whole, e.g. households_covered ≤ households_total (SPEC §1). */
public record PartWhole(String part, String whole) {}
