package com.governancemetrics.export;

import com.governancemetrics.periods.Period;
import java.util.List;

/** What an export run published: one entry per province folder, in province code order. */
public record ExportSummary(Period period, List<ProvinceExport> provinces) {

  public ExportSummary {
    if (period == null) {
      throw new IllegalArgumentException("period is null");
    }
    provinces = List.copyOf(provinces);
  }

  /** One published folder {@code exports/period=P/<province_code>/}, its files and what they cover. */
  public record ProvinceExport(String provinceCode, String provinceName, String folder,
                               List<String> files, int counties, int cities, long townships) {

    public ProvinceExport {
      files = List.copyOf(files);
    }
  }
}
