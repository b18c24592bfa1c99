package com.governancemetrics.jobs;

import com.governancemetrics.periods.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids that sort by start time and say what ran: {@code 20261122T081500Z-nightly-2024-06-3f9a}. */
public final class RunIds {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private RunIds() {}

  public static String next(String job, List<Period> periods) {
    String span = periods.size() == 1 ? periods.get(0).toString()
        : periods.get(0) + "_" + periods.get(periods.size() - 1);
    return STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + job + "-" + span + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }
}
