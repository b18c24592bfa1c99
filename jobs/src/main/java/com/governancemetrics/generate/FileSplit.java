package com.governancemetrics.generate;

/** How the generator splits each partition into files: one per province (the default) or one per county. */
public enum FileSplit {
  /** {@code <province_code>.parquet}: few, larger files. */
  PROVINCE,
  /** {@code <county_code>.parquet}: many small files, as county deliveries arrive. */
  COUNTY
}
