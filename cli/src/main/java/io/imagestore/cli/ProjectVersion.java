package io.imagestore.cli;

import picocli.CommandLine.IVersionProvider;

/** The project version, as Maven stamped it into the jar's manifest (or "dev" from classes). */
public final class ProjectVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"imagestore " + current()};
  }

  public static String current() {
    String v = ProjectVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
