package io.btsnap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints: btsnap's version, the commit it was built from, the Java running it. */
final class BuildVersion implements IVersionProvider {
  static final String VERSION = "0.1.0";

  @Override
  public String[] getVersion() {
    String commit = "unknown";
    try (InputStream in = BuildVersion.class.getResourceAsStream("/btsnap-build.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        commit = p.getProperty("commit", commit);
      }
    } catch (IOException e) {
      // a jar without the file: the commit is unknown
    }
    return new String[] {
      "btsnap " + VERSION + " (commit " + commit + ")",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
          + System.getProperty("java.vendor") + ")"
    };
  }
}
