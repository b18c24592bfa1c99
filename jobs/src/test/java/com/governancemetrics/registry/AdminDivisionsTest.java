package com.governancemetrics.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdminDivisionsTest {

  private static final List<Township> REGISTRY = AdminDivisions.bundled();

  private static Township township(String code) {
    return REGISTRY.stream().filter(t -> t.townshipCode().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void everyUnitOfTheRealRegistryIsThere() {
    assertThat(REGISTRY).hasSize(41_352);
    assertThat(REGISTRY.stream().map(Township::townshipCode).distinct()).hasSize(41_352);
    assertThat(REGISTRY.stream().map(Township::countyCode).distinct()).hasSize(2_978);
    assertThat(REGISTRY.stream().map(Township::cityCode).distinct()).hasSize(342);
    assertThat(REGISTRY.stream().map(Township::provinceCode).distinct()).hasSize(31);
  }

  @Test
  void codesNestByPrefix() {
    assertThat(REGISTRY).allSatisfy(t -> {
      assertThat(t.townshipCode()).matches("[0-9]{9}").startsWith(t.countyCode());
      assertThat(t.countyCode()).matches("[0-9]{6}").startsWith(t.cityCode());
      assertThat(t.cityCode()).matches("[0-9]{4}").startsWith(t.provinceCode());
    });
  }

  @Test
  void citiesWithoutCountiesKeepTheirStandInCounty() {
    Map<String, String> countyOfCity = REGISTRY.stream()
        .filter(t -> List.of("4419", "4420", "4604", "6202").contains(t.cityCode()))
        .collect(Collectors.toMap(Township::cityCode, Township::countyCode, (a, b) -> a));
    assertThat(countyOfCity).containsExactlyInAnyOrderEntriesOf(Map.of(
        "4419", "441900", "4420", "442000", "4604", "460400", "6202", "620201"));
    Township dongguan = REGISTRY.stream().filter(t -> t.cityCode().equals("4419")).findFirst()
        .orElseThrow();
    assertThat(dongguan.cityName()).isEqualTo("东莞市");
    assertThat(dongguan.countyName()).isEqualTo("东莞市");
  }

  @Test
  void municipalitiesAndSpecialUnits() {
    Township dongcheng = township("110101001");
    assertThat(dongcheng.provinceName()).isEqualTo("北京市");
    assertThat(dongcheng.cityName()).isEqualTo("市辖区");
    assertThat(dongcheng.townshipType()).isEqualTo("街道");
    Township devZone = township("110115403");
    assertThat(devZone.townshipName()).isEqualTo("北京经济技术开发区");
    assertThat(devZone.townshipType()).isEqualTo("其他");
  }

  @Test
  void townshipTypesFollowTheCodeRanges() {
    Map<String, Long> types = REGISTRY.stream()
        .collect(Collectors.groupingBy(Township::townshipType, Collectors.counting()));
    assertThat(types.keySet()).containsExactlyInAnyOrder("街道", "镇", "乡", "民族乡", "其他");
    assertThat(types.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(41_352);
    assertThat(REGISTRY).filteredOn(t -> t.townshipType().equals("民族乡"))
        .allSatisfy(t -> assertThat(t.townshipName()).endsWith("民族乡"));
    assertThat(AdminDivisions.townshipType("430102099", "x街道")).isEqualTo("街道");
    assertThat(AdminDivisions.townshipType("430102100", "x镇")).isEqualTo("镇");
    assertThat(AdminDivisions.townshipType("430102399", "x乡")).isEqualTo("乡");
    assertThat(AdminDivisions.townshipType("430102201", "x瑶族民族乡")).isEqualTo("民族乡");
    assertThat(AdminDivisions.townshipType("430102400", "x农场")).isEqualTo("其他");
    Function<String, Long> count = type -> types.getOrDefault(type, 0L);
    assertThat(count.apply("其他")).isGreaterThan(2_000);
  }
}
