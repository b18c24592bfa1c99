package com.governancemetrics.generate;

import com.governancemetrics.generate.GenRow.Fate;
import com.governancemetrics.parquet.ParquetFileWriter;
import com.governancemetrics.periods.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Generates the files of one work item (dataset × unit × year): the valid rows, then the planted
 * faults and duplicates, then the ledger lines, derived from the rows as written.
 *
 * <p>The ledger is derived, not remembered: every FAULT row is a line with its reason; among all other
 * rows, a key with several copies gives either {@code duplicates_dropped} lines for the extra copies (all
 * identical) or a {@code conflicting_duplicate} line for every copy (SPEC §1: A, A, B quarantines all
 * three). Keys never cross work items (they hold the unit's townships and the item's year), so this is
 * exact for the whole output.
 */
final class ItemGenerator {

  private static final String REDELIVERED = "-redelivered";
  /** Shares of files that are older exports (strings), carry their partition column, get a resend. */
  private static final double OLDER_EXPORT_SHARE = 0.10;
  private static final double PARTITION_INSIDE_SHARE = 0.10;
  private static final double RESEND_SHARE = 0.20;

  private final GenerationParams params;
  private final WorkItem item;
  private final GenDataset ds;
  private final List<String> townships;
  private final Map<String, TownshipProfile> profiles = new HashMap<>();
  /** Every file of the item, base files first, in a fixed order. */
  private final List<GenFile> files = new ArrayList<>();
  private final Map<String, GenFile> extraFiles = new HashMap<>();

  ItemGenerator(GenerationParams params, WorkItem item) {
    this.params = params;
    this.item = item;
    this.ds = GenDataset.of(item.dataset);
    this.townships = List.of(item.townships);
  }

  /** The files to write (none empty), rows planted. */
  List<GenFile> generate() {
    List<GenFile> bases = baseFiles();
    assignFates(bases);
    forceFaults(bases);
    for (GenFile base : bases) {
      plant(base);
    }
    if (params.split == FileSplit.COUNTY && params.duplicateRate > 0) {
      redeliverWholeFiles(bases);
    }
    return files.stream().filter(f -> !f.rows.isEmpty()).toList();
  }

  private TownshipProfile profile(String code) {
    return profiles.computeIfAbsent(code, c -> TownshipProfile.of(params.seed, c));
  }

  // ---- valid rows ----

  private List<GenFile> baseFiles() {
    List<GenFile> bases = new ArrayList<>();
    String folder = ds.folder();
    if (ds.monthly()) {
      for (String month : item.months) {
        Period period = Period.parse(month);
        GenFile f = newBaseFile(folder + "/period=" + month + "/" + item.unit + ".parquet", month);
        for (String code : townships) {
          TownshipProfile p = profile(code);
          if (Rand.of(params.seed, folder, "missing", code, month).chance(p.missingMonthRate)) {
            continue;
          }
          Object[] values = ds == GenDataset.GRID_COVERAGE
              ? ValueModels.gridCoverage(params.seed, p, period)
              : ValueModels.serviceAppeals(params.seed, p, period);
          f.rows.add(new GenRow(recordId(month, f.rows.size() + 1), code + "|" + month, values));
        }
        bases.add(f);
      }
    } else if (ds == GenDataset.COLLECTIVE_INCOME) {
      String year = Integer.toString(item.year);
      GenFile f = newBaseFile(folder + "/year=" + year + "/" + item.unit + ".parquet", year);
      for (String code : townships) {
        TownshipProfile p = profile(code);
        if (Rand.of(params.seed, folder, "missing", code, year).chance(0.01)) {
          continue;
        }
        for (String village : p.villageCodes()) {
          f.rows.add(new GenRow(recordId(year, f.rows.size() + 1), village + "|" + year,
              ValueModels.collectiveIncome(params.seed, p, village, item.year)));
        }
      }
      bases.add(f);
    } else {
      GenFile f = newBaseFile(folder + "/cases_" + item.year + "_" + item.unit + ".parquet", "");
      Set<Integer> months = months();
      int caseId = ds.idx("case_id");
      for (String code : townships) {
        for (Object[] c : ValueModels.rectificationCases(params.seed, profile(code), item.year, months,
            params.snapshot)) {
          f.rows.add(new GenRow(recordId(Integer.toString(item.year), f.rows.size() + 1),
              (String) c[caseId], c));
        }
      }
      bases.add(f);
    }
    return bases;
  }

  private Set<Integer> months() {
    Set<Integer> months = new TreeSet<>();
    for (String m : item.months) {
      months.add(Period.parse(m).month().getMonthValue());
    }
    return months;
  }

  /** e.g. {@code grid_coverage/43/2024-06/000123}. */
  private String recordId(String partition, int serial) {
    return ds.folder() + "/" + item.unit + "/" + partition + "/" + String.format(Locale.ROOT, "%06d", serial);
  }

  private GenFile newFile(String path, String partition) {
    GenFile f = new GenFile(path, partition);
    files.add(f);
    return f;
  }

  /** A delivered file: now and then an older export, or one carrying its partition column. */
  private GenFile newBaseFile(String path, String partition) {
    GenFile f = newFile(path, partition);
    Rand r = Rand.of(params.seed, ds.folder(), "file", path);
    f.olderExport = r.chance(OLDER_EXPORT_SHARE);
    f.partitionInside = ds.partitionColumn() != null && r.chance(PARTITION_INSIDE_SHARE);
    f.resent = r.chance(RESEND_SHARE);
    return f;
  }

  // ---- what each row gets ----

  private void assignFates(List<GenFile> bases) {
    double dupRate = params.rowDuplicateRate();
    for (GenFile f : bases) {
      for (GenRow row : f.rows) {
        Rand r = Rand.of(params.seed, ds.folder(), "fate", row.seedKey);
        if (r.nextDouble() < params.badRowRate) {
          setFault(row, drawReason(r, f));
        } else if (r.nextDouble() < dupRate) {
          row.fate = Fate.DUPLICATE;
        }
      }
    }
  }

  /**
   * A reason for a bad row of file {@code f}: type_mismatch only in older exports and
   * partition_mismatch only in files carrying their partition column (where they are frequent), bad
   * periods less often than the rest (each one makes an odd folder).
   */
  private Reason drawReason(Rand r, GenFile f) {
    double[] weights = new double[ds.reasons.size()];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      weights[i] = switch (ds.reasons.get(i)) {
        case TYPE_MISMATCH -> f.olderExport ? 4 : 0;
        case PARTITION_MISMATCH -> f.partitionInside ? 4 : 0;
        case BAD_PERIOD -> 0.25;
        default -> 1;
      };
      total += weights[i];
    }
    double u = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return ds.reasons.get(i);
      }
    }
    return ds.reasons.get(weights.length - 1);
  }

  private static void setFault(GenRow row, Reason reason) {
    if (reason == Reason.CONFLICTING_DUPLICATE) {
      row.fate = Fate.CONFLICT;
    } else if (reason == Reason.DUPLICATES_DROPPED) {
      row.fate = Fate.DUPLICATE;
    } else {
      row.fate = Fate.FAULT;
      row.fault = reason;
    }
  }

  /** The reasons the driver asked this item to plant at least once, on rows nothing else was planted in. */
  private void forceFaults(List<GenFile> bases) {
    for (String code : item.forced) {
      Rand r = Rand.of(params.seed, ds.folder(), "forced", item.unit, Integer.toString(item.year), code);
      List<GenRow> all = new ArrayList<>();
      bases.forEach(f -> all.addAll(f.rows));
      GenRow chosen = null;
      if (!all.isEmpty()) {
        int start = r.nextInt(all.size());
        for (int i = 0; i < all.size() && chosen == null; i++) {
          GenRow candidate = all.get((start + i) % all.size());
          if (candidate.fate == Fate.NONE) {
            chosen = candidate;
          }
        }
      }
      if (chosen == null && ds == GenDataset.RECTIFICATION_CASES) {
        chosen = extraCase(bases.get(0), r);
      }
      if (chosen != null) {
        setFault(chosen, Reason.byCode(code));
      }
    }
  }

  /** A unit with too few cases gets one more inspection finding to carry a forced fault. */
  private GenRow extraCase(GenFile base, Rand r) {
    String township = townships.get(r.nextInt(townships.size()));
    int month = months().iterator().next();
    String serial = String.format(Locale.ROOT, "X%02d", base.rows.size() + 1);
    Object[] c = ValueModels.extraCase(params.seed, profile(township), item.year, month, serial,
        params.snapshot);
    String caseId = (String) c[ds.idx("case_id")];
    GenRow row = new GenRow(recordId(Integer.toString(item.year), base.rows.size() + 1), caseId, c);
    base.rows.add(row);
    return row;
  }

  // ---- planting ----

  private void plant(GenFile base) {
    for (GenRow row : new ArrayList<>(base.rows)) {
      Rand r = Rand.of(params.seed, ds.folder(), "plant", row.seedKey);
      switch (row.fate) {
        case NONE -> { }
        case FAULT -> {
          switch (row.fault) {
            case BAD_PERIOD -> {
              base.rows.remove(row);
              badPeriodFile(base).rows.add(row);
            }
            case PARTITION_MISMATCH -> {
              FaultPlanter.plant(ds, row, row.fault, r, townships, base.partition);
              base.partitionInside = true;
            }
            case TYPE_MISMATCH -> {
              FaultPlanter.plant(ds, row, row.fault, r, townships, base.partition);
              base.olderExport = true;
            }
            default -> FaultPlanter.plant(ds, row, row.fault, r, townships, base.partition);
          }
        }
        case DUPLICATE -> copyTarget(base, r).rows.add(row.copy(row.recordId + "-dup"));
        case CONFLICT -> {
          GenRow other = row.copy(row.recordId + "-conflict");
          FaultPlanter.alter(ds, other, r);
          copyTarget(base, r).rows.add(other);
          if (r.chance(0.3)) {
            copyTarget(base, r).rows.add(row.copy(row.recordId + "-dup"));
          }
        }
      }
    }
  }

  /**
   * County files: now and then a county's whole file is delivered a second time (same rows, same
   * flavour, other record_ids), so every row in it is one more copy.
   */
  private void redeliverWholeFiles(List<GenFile> bases) {
    for (GenFile base : bases) {
      Rand r = Rand.of(params.seed, ds.folder(), "redeliver", item.unit, base.partition,
          Integer.toString(item.year));
      if (base.rows.isEmpty() || !r.chance(params.duplicateRate / 2)) {
        continue;
      }
      GenFile again = redelivered(base);
      again.olderExport |= base.olderExport;
      again.partitionInside |= base.partitionInside;
      List<GenRow> copies = new ArrayList<>();
      for (GenRow row : base.rows) {
        copies.add(row.copy(row.recordId + REDELIVERED));
      }
      again.rows.addAll(0, copies);
    }
  }

  /** Where an extra copy goes: the same file, or for files that were resent, often the resend. */
  private GenFile copyTarget(GenFile base, Rand r) {
    return base.resent && r.chance(0.6) ? redelivered(base) : base;
  }

  private GenFile redelivered(GenFile base) {
    String path = base.relativePath.replace(".parquet", REDELIVERED + ".parquet");
    return extraFiles.computeIfAbsent(path, p -> newFile(p, base.partition));
  }

  /** The same unit's file in a folder whose value is not a valid period: 2024-6, 202410, year=24. */
  private GenFile badPeriodFile(GenFile base) {
    String bad;
    if (ds.monthly()) {
      Period p = Period.parse(base.partition);
      int month = p.month().getMonthValue();
      bad = month < 10 ? p.year() + "-" + month : String.format(Locale.ROOT, "%d%02d", p.year(), month);
    } else {
      bad = String.format(Locale.ROOT, "%02d", Integer.parseInt(base.partition) % 100);
    }
    String path = ds.folder() + "/" + ds.partitionColumn() + "=" + bad + "/" + item.unit + ".parquet";
    return extraFiles.computeIfAbsent(path, p -> newFile(p, bad));
  }

  // ---- the ledger ----

  /** The ledger lines of the given files: dataset, record_id, expected_reason, source_file, partition. */
  ArrayList<String[]> ledger(List<GenFile> written) {
    ArrayList<String[]> lines = new ArrayList<>();
    Map<String, List<Object[]>> byKey = new LinkedHashMap<>();
    for (GenFile f : written) {
      for (GenRow row : f.rows) {
        if (row.fate == Fate.FAULT) {
          lines.add(line(row, f, row.fault));
        } else {
          byKey.computeIfAbsent(key(row, f), k -> new ArrayList<>()).add(new Object[] {row, f});
        }
      }
    }
    for (List<Object[]> copies : byKey.values()) {
      if (copies.size() < 2) {
        continue;
      }
      Object[] first = ((GenRow) copies.get(0)[0]).values;
      boolean identical = copies.stream().allMatch(c -> Arrays.equals(((GenRow) c[0]).values, first));
      for (int i = identical ? 1 : 0; i < copies.size(); i++) {
        lines.add(line((GenRow) copies.get(i)[0], (GenFile) copies.get(i)[1],
            identical ? Reason.DUPLICATES_DROPPED : Reason.CONFLICTING_DUPLICATE));
      }
    }
    return lines;
  }

  private String key(GenRow row, GenFile f) {
    return switch (ds) {
      case GRID_COVERAGE, SERVICE_APPEALS -> row.values[ds.idx("township_code")] + "|" + f.partition;
      case COLLECTIVE_INCOME -> row.values[ds.idx("village_code")] + "|" + f.partition;
      case RECTIFICATION_CASES -> (String) row.values[ds.idx("case_id")];
    };
  }

  private String[] line(GenRow row, GenFile f, Reason reason) {
    return new String[] {ds.folder(), row.recordId, reason.code(), f.relativePath, f.partition};
  }

  // ---- writing ----

  /** The file's Parquet schema: record_id, the contract columns in their flavour, the partition column if inside. */
  MessageType schema(GenFile f) {
    List<Type> columns = new ArrayList<>();
    columns.add(ParquetFileWriter.string("record_id"));
    for (GenColumn c : ds.columns) {
      if (f.olderExport && c.kind().isValue()) {
        columns.add(ParquetFileWriter.string(c.name()));
        continue;
      }
      columns.add(switch (c.kind()) {
        case CODE, TEXT -> ParquetFileWriter.string(c.name());
        case INT32 -> ParquetFileWriter.int32(c.name());
        case INT64 -> ParquetFileWriter.int64(c.name());
        case DECIMAL -> ParquetFileWriter.decimal(c.name(), 18, 2);
        case DATE -> ParquetFileWriter.date(c.name());
      });
    }
    if (f.partitionInside) {
      columns.add(ds.monthly() ? ParquetFileWriter.string("period") : ParquetFileWriter.int32("year"));
    }
    return ParquetFileWriter.schema(ds.folder(), columns.toArray(new Type[0]));
  }

  /** The file's rows as Parquet values in {@link #schema} order. */
  List<Object[]> records(GenFile f) {
    Rand format = Rand.of(params.seed, "format", f.relativePath);
    List<Object[]> records = new ArrayList<>(f.rows.size());
    int width = ds.columns.size() + 1 + (f.partitionInside ? 1 : 0);
    for (GenRow row : f.rows) {
      if (row.rawColumn >= 0 && !f.olderExport || row.insidePartition != null && !f.partitionInside) {
        throw new IllegalStateException("row " + row.recordId + " planted in a file of the wrong flavour");
      }
      Object[] out = new Object[width];
      out[0] = row.recordId;
      for (int i = 0; i < ds.columns.size(); i++) {
        Object v = row.values[i];
        GenColumn.Kind kind = ds.columns.get(i).kind();
        if (f.olderExport && kind.isValue()) {
          out[i + 1] = i == row.rawColumn ? row.rawValue : exportString(v, format);
        } else {
          out[i + 1] = v;
        }
      }
      if (f.partitionInside) {
        String inside = row.insidePartition != null ? row.insidePartition : f.partition;
        out[width - 1] = ds.monthly() ? inside : (Object) Integer.valueOf(inside);
      }
      records.add(out);
    }
    return records;
  }

  /**
   * How an older export writes a valid value: digits, now and then padded or signed (" 42", "+42" are
   * valid: SPEC §1 trims integer strings), yuan now and then without trailing zeros, ISO dates.
   */
  private static String exportString(Object v, Rand format) {
    if (v == null) {
      return null;
    }
    double u = format.nextDouble();
    if (v instanceof Long x) {
      if (u < 0.01) {
        return " " + x;
      }
      return u < 0.02 && x >= 0 ? "+" + x : x.toString();
    }
    if (v instanceof java.math.BigDecimal d) {
      return u < 0.05 ? d.stripTrailingZeros().toPlainString() : d.toPlainString();
    }
    return ((LocalDate) v).toString();
  }
}
