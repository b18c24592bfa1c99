package com.governancemetrics.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What one checked data file holds: its contract columns with the Spark type they are read as, and
 * its extra columns (reported, carried into quarantine as strings, otherwise ignored).
 *
 * @param rowCount rows according to the file's footer
 * @param contractColumns the contract columns the file has, in contract order
 * @param extraColumns the extra columns Spark can read, in file order
 * @param extraColumnNames every extra column name, also those of types Spark cannot read
 */
public record FileLayout(InputFile file, long rowCount, List<StructField> contractColumns,
    List<StructField> extraColumns, List<String> extraColumnNames) {

  public FileLayout {
    contractColumns = List.copyOf(contractColumns);
    extraColumns = List.copyOf(extraColumns);
    extraColumnNames = List.copyOf(extraColumnNames);
  }

  /** The type of a contract column in this file, if the file has it. */
  public Optional<DataType> contractType(String column) {
    return contractColumns.stream().filter(f -> f.name().equals(column))
        .map(StructField::dataType).findFirst();
  }

  /** The schema to read the file with: its contract columns, then its readable extra columns. */
  public StructType readSchema() {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : contractColumns) {
      fields.add(DataTypes.createStructField(f.name(), f.dataType(), true));
    }
    for (StructField f : extraColumns) {
      fields.add(DataTypes.createStructField(f.name(), f.dataType(), true));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }
}
