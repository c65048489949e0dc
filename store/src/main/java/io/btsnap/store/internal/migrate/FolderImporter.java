package io.btsnap.store.internal.migrate;

import io.btsnap.json.JsonReader;
import io.btsnap.secrets.SecretRules;
import io.btsnap.store.internal.capture.CaptureWriter;
import io.btsnap.store.internal.index.Index;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.FolderImportReport;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Provenance;
import io.btsnap.store.model.RelativePath;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Makes one run per subfolder of a folder of per-run copies: its files (read, never changed),
 * its time from the folder's modification time, its parameters from a JSON or YAML file of a
 * given name when the folder has one (that file is not part of the run's code), and the label
 * {@code folder=NAME}. Files that look like credentials, links and the usual non-code folders
 * ({@code __pycache__}, {@code .git}, virtualenvs) are left out and reported.
 */
public final class FolderImporter {
  private static final long BLOCK = 4096;
  /** The largest file taken: as for a file listed exactly in strategy.yaml. */
  private static final long MAX_FILE_BYTES = 1L << 30;

  private final CaptureWriter writer;
  private final Index index;

  /** Creates an importer that stores through {@code writer}, checking what {@code index} holds. */
  public FolderImporter(CaptureWriter writer, Index index) {
    this.writer = writer;
    this.index = index;
  }

  /** Imports every subfolder of {@code dir}; with {@code dryRun}, stores nothing. */
  public FolderImportReport importFolders(Path dir, Optional<String> paramsFile, Map<String, String> labels, boolean dryRun)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new StoreException("no such folder: " + dir);
    }
    List<Path> folders = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          folders.add(child);
        }
      }
    }
    folders.sort(null);
    if (folders.isEmpty()) {
      throw new StoreException(dir + " has no subfolders: give the folder that holds one folder per run");
    }
    // Every parameters file is read first: a bad one fails the import before any run is stored.
    Map<Path, Map<String, String>> params = new LinkedHashMap<>();
    for (Path folder : folders) {
      params.put(folder, params(folder, paramsFile));
    }
    List<FolderImportReport.FolderRun> runs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Set<BlobId> seen = new HashSet<>();
    long files = 0;
    long bytes = 0;
    long disk = 0;
    long newBlobs = 0;
    long newBytes = 0;
    Set<RunId> ids = new HashSet<>();
    for (Path folder : folders) {
      String name = folder.getFileName().toString();
      Map<String, Path> found = walk(folder, name, paramsFile, skipped);
      Map<BlobId, byte[]> contents = new LinkedHashMap<>();
      List<ManifestEntry> entries = new ArrayList<>();
      Map<String, String> reasons = new TreeMap<>();
      disk += diskUsage(folder);
      for (Map.Entry<String, Path> f : found.entrySet()) {
        long size = Files.size(f.getValue());
        if (size > MAX_FILE_BYTES) {
          skipped.add(name + "/" + f.getKey() + ": larger than 1 GiB");
          continue;
        }
        byte[] content = Files.readAllBytes(f.getValue());
        Optional<String> secret = SecretRules.check(f.getValue().getFileName().toString(), content);
        if (secret.isPresent()) {
          skipped.add(name + "/" + f.getKey() + ": looks like a secret (" + secret.get() + ")");
          continue;
        }
        BlobId id = BlobId.of(content);
        contents.putIfAbsent(id, content);
        entries.add(new ManifestEntry(RelativePath.of(f.getKey()), id, content.length, isExecutable(f.getValue())));
        reasons.put(f.getKey(), "imported from its run folder"); // one text for every run: provenance is shared
        files++;
        bytes += content.length;
        if (seen.add(id) && !isStored(id)) {
          newBlobs++;
          newBytes += content.length;
        }
      }
      if (entries.isEmpty()) {
        skipped.add(name + ": no file to import");
        continue;
      }
      Map<String, String> runLabels = new LinkedHashMap<>(labels);
      runLabels.put("folder", name);
      Instant created = Files.getLastModifiedTime(folder).toInstant();
      // Drawn from the folder's path: importing the same folders again finds every run present.
      RunId id = RunId.forInstant(created, folder.toAbsolutePath().normalize().toString().hashCode());
      while (!ids.add(id)) {
        id = id.next(); // another folder of the same millisecond drew this one
      }
      Manifest manifest = Manifest.of(entries);
      // The root is the folder of folders, shared by every run (a string per run would double
      // the index); the label folder= names each run's own.
      Run run = new Run(id, id.created(), CaptureMode.FILES, "", dir.toAbsolutePath().normalize().toString(),
          params.get(folder), runLabels, false, manifest.id(), Provenance.of(reasons), Environment.NONE, Map.of());
      boolean imported = false;
      while (!dryRun && !(imported = writer.importRun(run, manifest, contents)) && !sameRun(run)) {
        // Another run drew this id (12 random bits in one millisecond): take the next one.
        RunId next = run.id().next();
        run = new Run(next, next.created(), run.mode(), run.entry(), run.root(), run.params(), run.labels(), false,
            run.manifest(), run.provenance(), run.environment(), run.metrics());
      }
      runs.add(new FolderImportReport.FolderRun(name, run, imported));
    }
    return new FolderImportReport(dryRun, runs, files, bytes, disk, newBlobs, newBytes, skipped);
  }

  /** Whether the store's run of this id is this folder's, imported before. */
  private boolean sameRun(Run run) throws IOException {
    Optional<Run> stored = index.read(r -> r.run(run.id()));
    return stored.isPresent() && stored.get().manifest().equals(run.manifest()) && stored.get().root().equals(run.root())
        && run.labels().get("folder").equals(stored.get().labels().get("folder"));
  }

  /** What {@code du} would count for the folder: every file and folder in it, in whole 4 KiB blocks. */
  private static long diskUsage(Path folder) throws IOException {
    long[] total = {0};
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        total[0] += BLOCK;
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        total[0] += (attrs.size() + BLOCK - 1) / BLOCK * BLOCK;
        return FileVisitResult.CONTINUE;
      }
    });
    return total[0];
  }

  private boolean isStored(BlobId id) throws IOException {
    return index.read(r -> r.blob(id).isPresent());
  }

  /** The folder's files by their path in it, leaving out links, non-code folders and the parameters file. */
  private static Map<String, Path> walk(Path folder, String name, Optional<String> paramsFile, List<String> skipped)
      throws IOException {
    Map<String, Path> found = new TreeMap<>();
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(folder) && (RelativePath.NEVER_CODE.contains(dir.getFileName().toString())
            || Files.isRegularFile(dir.resolve("pyvenv.cfg")))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String path = folder.relativize(file).toString().replace('\\', '/');
        if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
          skipped.add(name + "/" + path + ": not a regular file");
        } else if (paramsFile.isPresent() && path.equals(paramsFile.get())) {
          return FileVisitResult.CONTINUE; // the run's parameters, not its code
        } else {
          found.put(path, file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return found;
  }

  /** The parameters of {@code paramsFile} in the folder: its top-level entries as text, nested ones as JSON. */
  private static Map<String, String> params(Path folder, Optional<String> paramsFile) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    if (paramsFile.isEmpty() || !Files.isRegularFile(folder.resolve(paramsFile.get()))) {
      return params;
    }
    Path file = folder.resolve(paramsFile.get());
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Object parsed;
    try {
      parsed = file.toString().endsWith(".json") ? JsonReader.parse(text) : yaml().load(text);
    } catch (IllegalArgumentException | YAMLException e) {
      throw new StoreException(file + ": not valid " + (file.toString().endsWith(".json") ? "JSON" : "YAML") + ": "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new StoreException(file + ": parameters must be a mapping of names to values");
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object v = e.getValue();
      params.put(String.valueOf(e.getKey()), v instanceof Map || v instanceof List ? io.btsnap.json.Json.writeCompact(v) : String.valueOf(v));
    }
    return params;
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(1 << 20);
    return new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
        new org.yaml.snakeyaml.DumperOptions(), options);
  }

  private static boolean isExecutable(Path file) {
    try {
      return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
