package com.governancemetrics.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The program's version, from the build (recorded in every manifest and report). */
public final class Version implements IVersionProvider {

  private static final String VERSION = load();

  public static String current() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"governance-metrics " + VERSION};
  }

  private static String load() {
    try (InputStream in = Version.class.getClassLoader()
        .getResourceAsStream("governance-metrics-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
