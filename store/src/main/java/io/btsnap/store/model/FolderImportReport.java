package io.btsnap.store.model;

import java.util.List;

/**
 * What {@code import --folders} did, or with {@code dryRun} would do.
 *
 * @param dryRun whether nothing was stored
 * @param runs one entry per folder imported, in folder-name order
 * @param files the files of all folders
 * @param folderBytes the bytes of those files
 * @param folderDiskBytes what the folders take on disk, as {@code du} counts it: every file (left out or not)
 *     rounded up to whole 4 KiB blocks, and a block per folder
 * @param newBlobs the contents the store did not hold
 * @param newBytes the bytes of those contents
 * @param skipped files left out, each with why (a secret, a link), as {@code folder/path: reason}
 */
public record FolderImportReport(
    boolean dryRun, List<FolderRun> runs, long files, long folderBytes, long folderDiskBytes, long newBlobs, long newBytes,
    List<String> skipped) {
  /** Copies the lists. */
  public FolderImportReport {
    runs = List.copyOf(runs);
    skipped = List.copyOf(skipped);
  }

  /**
   * One folder's run.
   *
   * @param folder the folder's name
   * @param run the run made of it (its id, time, parameters and files)
   * @param imported false when a run of that id was already in the store
   */
  public record FolderRun(String folder, Run run, boolean imported) {}
}
