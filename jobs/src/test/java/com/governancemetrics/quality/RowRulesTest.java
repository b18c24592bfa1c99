package com.governancemetrics.quality;

import static com.governancemetrics.quality.IngestFixtures.GRID;
import static com.governancemetrics.quality.IngestFixtures.INCOME;
import static com.governancemetrics.quality.IngestFixtures.CASES;
import static com.governancemetrics.quality.IngestFixtures.T1;
import static com.governancemetrics.quality.IngestFixtures.T3;
import static com.governancemetrics.quality.IngestFixtures.UNKNOWN;
import static com.governancemetrics.quality.IngestFixtures.accepted;
import static com.governancemetrics.quality.IngestFixtures.acceptedRow;
import static com.governancemetrics.quality.IngestFixtures.assertReconciles;
import static com.governancemetrics.quality.IngestFixtures.grid;
import static com.governancemetrics.quality.IngestFixtures.incase;
import static com.governancemetrics.quality.IngestFixtures.income;
import static com.governancemetrics.quality.IngestFixtures.reasonsByTag;
import static com.governancemetrics.quality.IngestFixtures.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.input.InputDataset;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every reject reason of SPEC §1 on real Parquet files, and the first reason winning. */
class RowRulesTest {

  @TempDir
  Path root;

  @Test
  void gridCoverageRowsGetTheFirstReasonThatApplies() {
    IngestFixtures fx = new IngestFixtures(root);
    String dir = "grid_coverage/period=2024-06";
    fx.write(dir, GRID + ", tag string",
        tagged("ok1", grid(T1)),
        tagged("ok2", grid(T3)),
        tagged("null_township", grid(null)),
        tagged("blank_township", grid("   ")),
        tagged("short_code", grid("43010200")),
        tagged("untrimmed_code", grid(" 43010200")),
        tagged("letter_code", grid("43010200X")),
        tagged("null_value", grid("430102002", 2, null)),
        tagged("unknown", grid(UNKNOWN)),
        tagged("negative", grid("430102002", 3, -1)),
        tagged("covered_over_total", grid("430102002", 2, 1001L)),
        tagged("party_over_leaders", grid("430102002", 6, 81)),
        tagged("party_org_over_grids", grid("430102002", 8, 13)),
        // Rows that break two rules get the first in SPEC order.
        tagged("malformed_and_negative", grid("4301020", 3, -1)),
        tagged("unknown_and_null", grid(UNKNOWN, 1, null)),
        tagged("unknown_and_negative", grid(UNKNOWN, 3, -1)),
        tagged("negative_and_exceeds", grid("430102002", 1, -5L)));
    // Older export: integer columns as strings of digits.
    String strings = "township_code string, households_total string, households_covered string,"
        + " zone_leaders string, group_leaders string, neighbour_leaders string,"
        + " neighbour_leaders_party string, grids_total string, grids_with_party_org string,"
        + " tag string";
    fx.write(dir, strings,
        new Object[] {"430102003", "+1000", " 900 ", "2", "10", "80", "30", "12", "11", "digits"},
        new Object[] {"430102002", "12x", "900", "2", "10", "80", "30", "12", "11", "text"},
        new Object[] {"430102002", "1000", "12.0", "2", "10", "80", "30", "12", "11", "decimal"},
        new Object[] {"430102002", "99999999999999999999", "900", "2", "10", "80", "30", "12",
            "11", "overflow"},
        new Object[] {"430102002", "", "900", "2", "10", "80", "30", "12", "11", "blank"},
        new Object[] {"430102002", "1000", null, "2", "10", "80", "30", "12", "11", "null_text"},
        new Object[] {"430102002", "1000", "900", "-5", "10", "80", "30", "12", "11", "minus"},
        new Object[] {UNKNOWN, "1 000", "900", "2", "10", "80", "30", "12", "11",
            "mismatch_and_unknown"});
    // INT32 where the contract says long: widened.
    String ints = GRID.replace("households_total bigint", "households_total int")
        .replace("households_covered bigint", "households_covered int");
    fx.write(dir, ints, new Object[] {"430102008", 1000, 900, 2, 10, 80, 30, 12, 11});

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    assertThat(reasonsByTag(d)).isEqualTo(Map.ofEntries(
        Map.entry("null_township", "missing_key"),
        Map.entry("blank_township", "missing_key"),
        Map.entry("short_code", "malformed_code"),
        Map.entry("untrimmed_code", "malformed_code"),
        Map.entry("letter_code", "malformed_code"),
        Map.entry("null_value", "missing_value"),
        Map.entry("unknown", "unknown_township"),
        Map.entry("negative", "negative_value"),
        Map.entry("covered_over_total", "part_exceeds_whole"),
        Map.entry("party_over_leaders", "part_exceeds_whole"),
        Map.entry("party_org_over_grids", "part_exceeds_whole"),
        Map.entry("malformed_and_negative", "malformed_code"),
        Map.entry("unknown_and_null", "missing_value"),
        Map.entry("unknown_and_negative", "unknown_township"),
        Map.entry("negative_and_exceeds", "negative_value"),
        Map.entry("text", "type_mismatch"),
        Map.entry("decimal", "type_mismatch"),
        Map.entry("overflow", "type_mismatch"),
        Map.entry("blank", "type_mismatch"),
        Map.entry("null_text", "missing_value"),
        Map.entry("minus", "negative_value"),
        Map.entry("mismatch_and_unknown", "type_mismatch")));
    assertThat(accepted(d, "township_code"))
        .containsExactly("430102001", "430102003", "430102008", "620102001");
    Row digits = acceptedRow(d, "township_code", "430102003");
    assertThat(digits.<Long>getAs("households_total")).isEqualTo(1000L);
    assertThat(digits.<Long>getAs("households_covered")).isEqualTo(900L);
    assertThat(digits.<String>getAs("period")).isEqualTo("2024-06");
    Row widened = acceptedRow(d, "township_code", "430102008");
    assertThat(widened.<Long>getAs("households_total")).isEqualTo(1000L);
    assertThat(d.accepted().schema()).isEqualTo(InputDataset.GRID_COVERAGE.acceptedSchema());
    assertThat(d.extraColumns()).containsExactly("tag");
    assertReconciles(d, 17 + 8 + 1);
  }

  @Test
  void quarantineKeepsEveryColumnAsItCame() {
    IngestFixtures fx = new IngestFixtures(root);
    // Extra columns with awkward names: a dot, and names the quarantine itself uses.
    String file = fx.write("grid_coverage/period=2024-06",
        GRID + ", tag string, note string, `a.b` int, source_file string, _metadata string",
        new Object[] {"430102002", 1000L, 1001L, 2, 10, 80, 30, 12, 11, "x", null, 7, "mine",
            "m"});
    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    Row q = d.quarantine().collectAsList().get(0);
    assertThat(d.quarantine().columns()).containsExactly("township_code", "period",
        "households_total", "households_covered", "zone_leaders", "group_leaders",
        "neighbour_leaders", "neighbour_leaders_party", "grids_total", "grids_with_party_org",
        "extra_columns", "reject_reason", "source_file");
    assertThat(q.<String>getAs("households_covered")).isEqualTo("1001");
    assertThat(q.<String>getAs("period")).isEqualTo("2024-06");
    assertThat(q.<String>getAs("reject_reason")).isEqualTo("part_exceeds_whole");
    assertThat(q.<String>getAs("source_file")).isEqualTo(file);
    assertThat(q.getJavaMap(q.fieldIndex("extra_columns")))
        .containsEntry("tag", "x").containsEntry("note", null).containsEntry("a.b", "7")
        .containsEntry("source_file", "mine").containsEntry("_metadata", "m").hasSize(5);
    assertThat(d.filesRead()).containsExactly(file);
    assertThat(d.extraColumns()).containsExactly("_metadata", "a.b", "note", "source_file", "tag");
  }

  @Test
  void serviceAppealsPartsDoNotExceedWholes() {
    IngestFixtures fx = new IngestFixtures(root);
    String ddl = IngestFixtures.APPEALS + ", tag string";
    fx.write("service_appeals/period=2024-06", ddl,
        new Object[] {T1, 20, 20, 5000L, 100, 95, 10, 9, "ok"},
        new Object[] {T3, 20, 21, 5000L, 100, 95, 10, 9, "platform"},
        new Object[] {T3, 20, 20, 5000L, 100, 101, 10, 9, "resolved"},
        new Object[] {T3, 20, 20, 5000L, 100, 95, 10, 11, "settled"});
    IngestedDataset d = fx.ingest(InputDataset.SERVICE_APPEALS, "2024-06");
    assertThat(reasonsByTag(d)).isEqualTo(Map.of("platform", "part_exceeds_whole",
        "resolved", "part_exceeds_whole", "settled", "part_exceeds_whole"));
    assertThat(accepted(d, "township_code")).containsExactly(T1);
    assertReconciles(d, 4);
  }

  @Test
  void collectiveIncomeRowsAndDecimals() {
    IngestFixtures fx = new IngestFixtures(root);
    String dir = "collective_income/year=2023";
    fx.write(dir, INCOME + ", tag string",
        tagged("ok", income("430102001001", T1, "100000.00", "200000.00")),
        tagged("ok_zero", income("430102001002", T1, "0.00", "0.00")),
        tagged("outside", income("430102002001", T1, "1.00", "2.00")),
        tagged("null_village", income(null, T1, "1.00", "2.00")),
        tagged("null_township", income("430102001009", null, "1.00", "2.00")),
        tagged("short_village", income("43010200100", T1, "1.00", "2.00")),
        tagged("operating_over_total", income("430102001010", T1, "300.00", "200.00")),
        tagged("negative", income("430102001011", T1, "-1.00", "200.00")),
        tagged("null_total", income("430102001012", T1, "1.00", null)),
        tagged("unknown", income("439999999001", UNKNOWN, "1.00", "2.00")),
        tagged("outside_and_negative", income("430102002002", T1, "-1.00", "2.00")));
    // DECIMAL(20,4): accepted when the extra decimals are zeros.
    fx.write(dir, INCOME.replace("decimal(18,2)", "decimal(20,4)") + ", tag string",
        tagged("d4_ok", income("430102001003", T1, "1.2300", "2.0000")),
        tagged("d4_wide", income("430102001004", T1, "1.2345", "2.0000")));
    // Decimals as strings from an older export.
    fx.write(dir, INCOME.replace("decimal(18,2)", "string") + ", tag string",
        new Object[] {"430102001005", "某村", T1, "村", "12.34", " 100 ", "s_ok"},
        new Object[] {"430102001006", "某村", T1, "村", "12.345", "100", "s_three_decimals"},
        new Object[] {"430102001007", "某村", T1, "村", "1,000", "2000", "s_comma"});
    // Integers where decimals are expected.
    fx.write(dir, INCOME.replace("decimal(18,2)", "bigint"),
        new Object[] {"430102001008", "某村", T1, "社区", 5000L, 6000L});

    IngestedDataset d = fx.ingest(InputDataset.COLLECTIVE_INCOME, "2024-06");

    assertThat(reasonsByTag(d)).isEqualTo(Map.ofEntries(
        Map.entry("outside", "village_outside_township"),
        Map.entry("null_village", "missing_key"),
        Map.entry("null_township", "missing_key"),
        Map.entry("short_village", "malformed_code"),
        Map.entry("operating_over_total", "part_exceeds_whole"),
        Map.entry("negative", "negative_value"),
        Map.entry("null_total", "missing_value"),
        Map.entry("unknown", "unknown_township"),
        Map.entry("outside_and_negative", "village_outside_township"),
        Map.entry("d4_wide", "type_mismatch"),
        Map.entry("s_three_decimals", "type_mismatch"),
        Map.entry("s_comma", "type_mismatch")));
    assertThat(accepted(d, "village_code")).containsExactly("430102001001", "430102001002",
        "430102001003", "430102001005", "430102001008");
    assertThat(acceptedRow(d, "village_code", "430102001003").<BigDecimal>getAs(
        "operating_income_yuan")).isEqualByComparingTo("1.23");
    assertThat(acceptedRow(d, "village_code", "430102001005").<BigDecimal>getAs(
        "total_income_yuan")).isEqualByComparingTo("100");
    Row fromIntegers = acceptedRow(d, "village_code", "430102001008");
    assertThat(fromIntegers.<BigDecimal>getAs("operating_income_yuan"))
        .isEqualByComparingTo("5000");
    assertThat(fromIntegers.<Integer>getAs("year")).isEqualTo(2023);
    assertThat(d.accepted().schema()).isEqualTo(InputDataset.COLLECTIVE_INCOME.acceptedSchema());
    assertThat(d.incomeYearUsed()).isEqualTo(Map.of(2023, 2023, 2024, 2023));
    assertReconciles(d, 11 + 2 + 3 + 1);
  }

  @Test
  void rectificationCasesDatesTypesAndVillages() {
    IngestFixtures fx = new IngestFixtures(root);
    // year= folders of cases are not contract columns: read, and ignored.
    String dir = "rectification_cases/year=2024";
    fx.write(dir, CASES + ", tag string",
        tagged("open", incase("C1", T1, null, "weak_party_org", "2024-01-10", "2024-03-31", null)),
        tagged("closed", incase("C2", T1, "430102001001", "inspection_finding", "2024-01-10",
            "2024-03-31", "2024-01-10")),
        tagged("blank_id", incase("", T1, null, "weak_party_org", "2024-01-10", "2024-03-31",
            null)),
        tagged("null_id", incase(null, T1, null, "weak_party_org", "2024-01-10", "2024-03-31",
            null)),
        tagged("null_township", incase("C3", null, null, "weak_party_org", "2024-01-10",
            "2024-03-31", null)),
        tagged("short_village", incase("C4", T1, "4301020010", "weak_party_org", "2024-01-10",
            "2024-03-31", null)),
        tagged("empty_village", incase("C5", T1, "", "weak_party_org", "2024-01-10",
            "2024-03-31", null)),
        tagged("outside", incase("C6", T1, "430102002001", "weak_party_org", "2024-01-10",
            "2024-03-31", null)),
        tagged("deadline_first", incase("C7", T1, null, "weak_party_org", "2024-01-10",
            "2024-01-09", null)),
        tagged("rectified_first", incase("C8", T1, null, "weak_party_org", "2024-01-10",
            "2024-03-31", "2024-01-09")),
        tagged("other_type", incase("C9", T1, null, "other", "2024-01-10", "2024-03-31", null)),
        tagged("null_type", incase("C10", T1, null, null, "2024-01-10", "2024-03-31", null)),
        tagged("cased_type", incase("C11", T1, null, "Weak_party_org", "2024-01-10",
            "2024-03-31", null)),
        tagged("null_identified", incase("C12", T1, null, "weak_party_org", null, "2024-03-31",
            null)),
        tagged("unknown", incase("C13", UNKNOWN, null, "weak_party_org", "2024-01-10",
            "2024-03-31", null)),
        tagged("order_and_type", incase("C14", T1, null, "other", "2024-01-10", "2024-01-01",
            null)));
    // Dates as strings, no rectified_date column (it is optional), directly in the dataset folder.
    String strings = "case_id string, township_code string, village_code string,"
        + " case_type string, identified_date string, deadline_date string, tag string";
    fx.write("rectification_cases", strings,
        new Object[] {"C20", T3, null, "weak_party_org", "2024-02-01", "2024-02-29", "s_ok"},
        new Object[] {"C21", T3, null, "weak_party_org", " 2024-02-01 ", "2024-03-01", "s_ws"},
        new Object[] {"C22", T3, null, "weak_party_org", "2024-02-30", "2024-03-01", "s_day"},
        new Object[] {"C23", T3, null, "weak_party_org", "2024/02/01", "2024-03-01", "s_fmt"});

    IngestedDataset d = fx.ingest(InputDataset.RECTIFICATION_CASES, "2024-06");

    assertThat(reasonsByTag(d)).isEqualTo(Map.ofEntries(
        Map.entry("blank_id", "missing_key"),
        Map.entry("null_id", "missing_key"),
        Map.entry("null_township", "missing_key"),
        Map.entry("short_village", "malformed_code"),
        Map.entry("empty_village", "malformed_code"),
        Map.entry("outside", "village_outside_township"),
        Map.entry("deadline_first", "date_order"),
        Map.entry("rectified_first", "date_order"),
        Map.entry("other_type", "unknown_case_type"),
        Map.entry("null_type", "unknown_case_type"),
        Map.entry("cased_type", "unknown_case_type"),
        Map.entry("null_identified", "missing_value"),
        Map.entry("unknown", "unknown_township"),
        Map.entry("order_and_type", "date_order"),
        Map.entry("s_day", "type_mismatch"),
        Map.entry("s_fmt", "type_mismatch")));
    assertThat(accepted(d, "case_id")).containsExactly("C1", "C2", "C20", "C21");
    Row fromStrings = acceptedRow(d, "case_id", "C21");
    assertThat(fromStrings.<Date>getAs("identified_date")).isEqualTo(Date.valueOf("2024-02-01"));
    assertThat(fromStrings.<Date>getAs("rectified_date")).isNull();
    assertThat(acceptedRow(d, "case_id", "C2").<String>getAs("village_code"))
        .isEqualTo("430102001001");
    assertThat(d.accepted().schema()).isEqualTo(InputDataset.RECTIFICATION_CASES.acceptedSchema());
    assertThat(d.filesRead()).hasSize(2);
    assertReconciles(d, 16 + 4);
  }
}
