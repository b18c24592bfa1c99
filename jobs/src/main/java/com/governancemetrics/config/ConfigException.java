package com.governancemetrics.config;

import com.governancemetrics.jobs.ExitCode;
import com.governancemetrics.jobs.JobFailure;

/** A configuration error: names the file and the key path (e.g. {@code metrics[3].window}); exit 2. */
public class ConfigException extends JobFailure {

  public ConfigException(String file, String where, String problem) {
    super(ExitCode.USAGE, file + ": " + where + ": " + problem,
        "Fix " + where + " in " + file + " and run again (conf/governance.yaml has every key, commented).");
  }
}
