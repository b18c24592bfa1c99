package com.governancemetrics.registry;

/** One township-level unit of the registry, with its county, city and province (SPEC §1, townships). */
public record Township(
    String townshipCode,
    String townshipName,
    String townshipType,
    String countyCode,
    String countyName,
    String cityCode,
    String cityName,
    String provinceCode,
    String provinceName) {}
