package com.governancemetrics.export;

import com.governancemetrics.config.ConfigLoader;
import java.util.List;
import java.util.Optional;

/** The presentations of the shipped catalogue (conf/governance.yaml as bundled), for the export tests. */
final class ShippedPresentations {

  private ShippedPresentations() {}

  static List<MetricPresentation> catalogue() {
    return MetricPresentations.of(ConfigLoader.bundled().catalogue());
  }

  static Optional<MetricPresentation> byId(String id) {
    return catalogue().stream().filter(p -> p.id().equals(id)).findFirst();
  }
}
