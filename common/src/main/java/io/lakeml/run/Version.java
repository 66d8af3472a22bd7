package io.lakeml.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** lakeml's version, as Maven filtered it into the library at build time. */
public final class Version {
  public static final String LAKEML = load();

  private Version() {}

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/lakeml/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
