package com.governancemetrics.config;

import com.governancemetrics.failures.Failure;

/** A configuration error: names the file and the key path (e.g. {@code metrics[3].window}); exit 2. */
public class ConfigException extends Failure {

  public ConfigException(String file, String where, String problem) {
    super(file + ": " + where + ": " + problem,
        "Fix " + where + " in " + file + " and run again (conf/governance.yaml has every key, commented).",
        null);
  }
}
