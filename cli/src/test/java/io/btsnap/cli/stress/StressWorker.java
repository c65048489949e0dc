package io.btsnap.cli.stress;

import io.btsnap.cli.Main;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A child process for the stress tests, running the real command line in a loop:
 *
 * <pre>
 * capture STORE PROJECT WRITER COUNT   change PROJECT/wWRITER.py, capture, print "ok ID KEEP SHA256"
 * gc STORE COUNT                       alternate "store gc" and "store gc --keep-label keep=yes", grace 0
 * </pre>
 *
 * A line is printed only after its command returned 0: what a caller may rely on.
 */
public final class StressWorker {
  private StressWorker() {}

  /** Runs the loop the arguments name; exits 3 on the first failed command. */
  public static void main(String[] args) throws Exception {
    String store = args[1];
    if (args[0].equals("capture")) {
      Path project = Path.of(args[2]);
      int writer = Integer.parseInt(args[3]);
      int count = Integer.parseInt(args[4]);
      Path module = project.resolve("w" + writer + ".py");
      Path entry = project.resolve("main" + writer + ".py");
      Files.writeString(entry, "import shared\nimport w" + writer + "\n");
      for (int i = 0; i < count; i++) {
        String content = "VALUE = '" + writer + "_" + ProcessHandle.current().pid() + "_" + (i / 2) + "'\n";
        Files.writeString(module, content);
        String keep = i % 3 == 0 ? "no" : "yes";
        String id = run("--store", store, "capture", entry.toString(), "--mode", "imports", "-l", "keep=" + keep, "--min-free", "0");
        System.out.println("ok " + id + " " + keep + " " + DigestUtils.sha256Hex(content.getBytes(StandardCharsets.UTF_8)));
        System.out.flush();
      }
    } else {
      int count = Integer.parseInt(args[2]);
      for (int i = 0; i < count; i++) {
        if (i % 2 == 0) {
          run("--store", store, "store", "gc", "--grace", "0s");
        } else {
          run("--store", store, "store", "gc", "--keep-label", "keep=yes", "--grace", "0s");
        }
        System.out.println("gc " + i);
        System.out.flush();
      }
    }
  }

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] withTrace = new String[args.length + 1];
    System.arraycopy(args, 0, withTrace, 0, args.length);
    withTrace[args.length] = "--stacktrace";
    int code = Main.run(withTrace, out, err, Map.of());
    if (code != 0) {
      System.err.println("failed (" + code + "): " + String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
      System.exit(3);
    }
    return out.toString(StandardCharsets.UTF_8).strip();
  }

}
