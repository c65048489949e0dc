package io.btsnap.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The git state of a project at capture time: {@code git.commit}, {@code git.branch} and {@code
 * git.dirty}. Commit and branch are read from the repository's files (no process); dirty asks
 * {@code git status} about the captured files only, and is remembered by (commit, index
 * checksum, captured code): while none of the three changes the answer cannot, so a grid of
 * unchanged code asks git once per process. Without git on the machine, dirty is left out.
 */
public final class GitState {
  private static final Map<String, CompletableFuture<Optional<Boolean>>> DIRTY = new ConcurrentHashMap<>();
  private static final int MAX_REMEMBERED = 1024;

  private GitState() {}

  /**
   * Starts asking git, on another thread, what {@link #of} will need for the same arguments:
   * a capture process can let git run while its store opens.
   */
  public static void prefetch(Path root, List<String> paths, String codeId) {
    CompletableFuture.runAsync(() -> of(root, paths, codeId, false));
  }

  /**
   * Returns the git entries of the project at {@code root} (a real path), whose captured files
   * are {@code paths} (relative to the root, with {@code /}) and whose code is {@code codeId};
   * empty outside a repository.
   */
  public static Map<String, String> of(Path root, List<String> paths, String codeId) {
    return of(root, paths, codeId, true);
  }

  private static Map<String, String> of(Path root, List<String> paths, String codeId, boolean await) {
    Map<String, String> state = new TreeMap<>();
    Optional<Path> top = topOf(root);
    if (top.isEmpty()) {
      return state;
    }
    try {
      Optional<Path> gitDir = gitDir(top.get());
      if (gitDir.isEmpty()) {
        return state;
      }
      String head = Files.readString(gitDir.get().resolve("HEAD"), StandardCharsets.UTF_8).strip();
      Optional<String> commit;
      if (head.startsWith("ref: ")) {
        String ref = head.substring(5).strip();
        state.put("git.branch", ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref);
        commit = resolve(gitDir.get(), ref);
      } else {
        state.put("git.branch", "(detached)");
        commit = Optional.of(head);
      }
      if (commit.isEmpty()) {
        return state; // a branch with no commit yet
      }
      state.put("git.commit", commit.get());
      CompletableFuture<Optional<Boolean>> dirty = dirty(top.get(), gitDir.get(), root, paths, commit.get(), codeId);
      if (await) {
        dirty.join().ifPresent(d -> state.put("git.dirty", Boolean.toString(d)));
      }
    } catch (IOException | RuntimeException e) {
      // An unreadable or odd repository: record what was read before it.
    }
    return state;
  }

  private static Optional<Path> topOf(Path root) {
    for (Path dir = root; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The repository folder: {@code .git}, or where a worktree's {@code .git} file points. */
  private static Optional<Path> gitDir(Path top) throws IOException {
    Path dotGit = top.resolve(".git");
    if (Files.isDirectory(dotGit)) {
      return Optional.of(dotGit);
    }
    String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
    return text.startsWith("gitdir: ") ? Optional.of(top.resolve(text.substring(8).strip()).normalize()) : Optional.empty();
  }

  private static Optional<String> resolve(Path gitDir, String ref) throws IOException {
    Path common = gitDir;
    Path commonFile = gitDir.resolve("commondir");
    if (Files.isRegularFile(commonFile)) {
      common = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize();
    }
    for (Path base : new Path[] {gitDir, common}) {
      Path loose = base.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return Optional.of(Files.readString(loose, StandardCharsets.UTF_8).strip());
      }
    }
    Path packed = common.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
        if (line.endsWith(" " + ref) && !line.startsWith("#") && !line.startsWith("^")) {
          return Optional.of(line.substring(0, line.indexOf(' ')));
        }
      }
    }
    return Optional.empty();
  }

  /** The answer for these arguments: remembered, being asked, or asked now on this thread. */
  private static CompletableFuture<Optional<Boolean>> dirty(
      Path top, Path gitDir, Path root, List<String> paths, String commit, String codeId) throws IOException {
    String key = top + "\0" + commit + "\0" + indexChecksum(gitDir) + "\0" + codeId + "\0" + String.join("\0", paths);
    CompletableFuture<Optional<Boolean>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<Boolean>> known = DIRTY.putIfAbsent(key, mine);
    if (known != null) {
      return known;
    }
    Optional<Boolean> asked = askGit(top, root, paths);
    mine.complete(asked);
    if (asked.isEmpty()) {
      DIRTY.remove(key, mine); // git failed: ask again next time
    } else if (DIRTY.size() > MAX_REMEMBERED) {
      DIRTY.clear();
    }
    return mine;
  }

  /** The index's own SHA-1 trailer: it changes whenever git writes the index. */
  private static String indexChecksum(Path gitDir) throws IOException {
    Path index = gitDir.resolve("index");
    if (!Files.isRegularFile(index)) {
      return "none";
    }
    try (var channel = Files.newByteChannel(index)) {
      long size = channel.size();
      if (size < 20) {
        return "short";
      }
      java.nio.ByteBuffer trailer = java.nio.ByteBuffer.allocate(20);
      channel.position(size - 20);
      while (trailer.hasRemaining() && channel.read(trailer) >= 0) {
        // read the 20 bytes
      }
      return HexFormat.of().formatHex(trailer.array()) + "/" + size;
    }
  }

  private static Optional<Boolean> askGit(Path top, Path root, List<String> paths) {
    String prefix = top.equals(root) ? "" : top.relativize(root).toString().replace('\\', '/') + "/";
    List<String> command = new ArrayList<>(List.of(
        "git", "--no-optional-locks", "--literal-pathspecs", "-C", top.toString(), "status", "--porcelain", "-z", "--"));
    for (String p : paths) {
      command.add(prefix + p);
    }
    try {
      Process git = new ProcessBuilder(command).redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
      git.getOutputStream().close();
      byte[] out = git.getInputStream().readAllBytes();
      if (!git.waitFor(30, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return Optional.empty();
      }
      return git.exitValue() == 0 ? Optional.of(out.length > 0) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // no git here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
