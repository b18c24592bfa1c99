package com.governancemetrics.metrics;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random multi-county fixture in the accepted schema: provinces 41 and 42 with data, 43 in
 * the registry without any; county 410103 delivers nothing. Months 2023-01 … 2024-06, incomes of 2023
 * for most townships and 2024 for a few, cases from 2023 to 2024 with dates on the edges (deadline
 * on D, rectified on D or on the deadline).
 */
final class RandomFixture {

  private RandomFixture() {}

  static Fixtures build(Path dir, long seed) {
    Random r = new Random(seed);
    Fixtures f = new Fixtures(dir);
    List<String> townships = new ArrayList<>();
    String[][] counties = {
        {"410101", "4101", "41"}, {"410102", "4101", "41"}, {"410103", "4101", "41"},
        {"410201", "4102", "41"}, {"420101", "4201", "42"}, {"420102", "4201", "42"},
        {"430101", "4301", "43"}};
    for (String[] c : counties) {
      int n = 2 + r.nextInt(3);
      for (int t = 1; t <= n; t++) {
        String code = c[0] + String.format("%03d", t * 7);
        f.township(code, "镇" + code.substring(6), c[0], "县" + c[0], c[1], "市" + c[1], c[2],
            "省" + c[2]);
        if (!c[0].equals("410103") && !c[2].equals("43")) {
          townships.add(code);
        }
      }
    }
    List<String> months = new ArrayList<>();
    for (int y = 2023; y <= 2024; y++) {
      for (int m = 1; m <= (y == 2024 ? 6 : 12); m++) {
        months.add(String.format("%d-%02d", y, m));
      }
    }
    for (String t : townships) {
      for (String p : months) {
        if (r.nextDouble() < 0.85) {
          long total = r.nextInt(10) == 0 ? 0 : 20 + r.nextInt(200);
          long covered = total == 0 ? 0 : total - r.nextInt((int) Math.min(total, 30) + 1);
          long leaders = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(20);
          long party = leaders == 0 ? 0 : r.nextInt((int) leaders + 1);
          long grids = r.nextInt(6);
          long withOrg = grids == 0 ? 0 : grids - r.nextInt(2) * r.nextInt((int) grids + 1);
          f.grid(t, p, total, covered, leaders, party, grids, withOrg);
        }
        if (r.nextDouble() < 0.85) {
          long villages = r.nextInt(12);
          long live = villages == 0 ? 0 : villages - r.nextInt(2);
          long received = r.nextInt(6) == 0 ? 0 : r.nextInt(30);
          long resolved = received == 0 ? 0 : received - r.nextInt((int) Math.min(received, 4) + 1);
          long mediated = r.nextInt(8);
          long settled = mediated == 0 ? 0 : mediated - r.nextInt(2);
          f.service(t, p, villages, live, received, resolved, mediated, settled);
        }
      }
      String[] incomes = {"0", "0.00", "0.01", "1234.56", "49999.99", "50000", "99999.99",
          "100000.00", "100000.01", "250000", "499999.99", "500000", "2500000.75", "17901.22",
          "17901.23"};
      for (int year : new int[] {2023, 2024}) {
        if (year == 2024 && r.nextInt(4) != 0) {
          continue;
        }
        int villages = r.nextInt(6);
        for (int v = 1; v <= villages; v++) {
          f.income(t, String.format("%03d", v), year, incomes[r.nextInt(incomes.length)]);
        }
      }
    }
    String[] types = {"weak_party_org", "inspection_finding"};
    LocalDate start = LocalDate.of(2023, 1, 1);
    LocalDate[] edges = {LocalDate.of(2024, 6, 30), LocalDate.of(2024, 5, 31),
        LocalDate.of(2023, 6, 30)};
    for (int c = 0; c < 60; c++) {
      String t = townships.get(r.nextInt(townships.size()));
      LocalDate identified = r.nextInt(10) == 0 ? edges[r.nextInt(edges.length)]
          : start.plusDays(r.nextInt(600));
      LocalDate deadline = r.nextInt(6) == 0 && !edges[0].isBefore(identified) ? edges[0]
          : identified.plusDays(r.nextInt(120));
      LocalDate rectified = null;
      int kind = r.nextInt(10);
      if (kind < 3) {
        rectified = null;
      } else if (kind == 3) {
        rectified = deadline;
      } else if (kind == 4) {
        rectified = edges[0].isBefore(identified) ? identified : edges[0];
      } else {
        rectified = identified.plusDays(r.nextInt(200));
      }
      f.caseRow("case" + c, t, types[r.nextInt(2)], identified.toString(), deadline.toString(),
          rectified == null ? null : rectified.toString());
    }
    return f;
  }
}
