package io.btsnap.store.model;

import java.nio.file.Path;

/** A breach of the store's invariants that {@code store verify} found. */
public sealed interface Problem {

  /** Returns one line naming the blob, manifest or run concerned. */
  String describe();

  /**
   * The index lists a blob whose file is gone.
   *
   * @param blob the blob
   * @param file where its file should be
   */
  record MissingBlob(BlobId blob, Path file) implements Problem {
    @Override
    public String describe() {
      return "missing blob " + blob.hex() + ": no file " + file;
    }
  }

  /**
   * A blob file whose content does not hash to its name.
   *
   * @param blob the blob
   * @param actual what the content hashes to
   */
  record HashMismatch(BlobId blob, BlobId actual) implements Problem {
    @Override
    public String describe() {
      return "hash mismatch in blob " + blob.hex() + ": content hashes to " + actual.hex();
    }
  }

  /**
   * A run references a manifest the index lacks.
   *
   * @param run the run
   * @param manifest the missing manifest
   */
  record MissingManifest(RunId run, BlobId manifest) implements Problem {
    @Override
    public String describe() {
      return "missing manifest " + manifest.hex() + " of run " + run;
    }
  }

  /**
   * A manifest references a blob the index does not list.
   *
   * @param manifest the manifest
   * @param path the entry's path
   * @param blob the unlisted blob
   */
  record UnlistedBlob(BlobId manifest, String path, BlobId blob) implements Problem {
    @Override
    public String describe() {
      return "unlisted blob " + blob.hex() + " (" + path + ") in manifest " + manifest.hex();
    }
  }

  /**
   * A reference count that differs from the references counted.
   *
   * @param kind "blob" or "manifest"
   * @param id the blob or manifest
   * @param recorded the stored count
   * @param actual the references found
   */
  record BadRefCount(String kind, BlobId id, long recorded, long actual) implements Problem {
    @Override
    public String describe() {
      return "wrong reference count of " + kind + " " + id.hex() + ": recorded " + recorded
          + ", referenced " + actual;
    }
  }

  /**
   * A blob whose file size differs from its record.
   *
   * @param blob the blob
   * @param recorded the size the index holds
   * @param actual the file's size
   */
  record SizeMismatch(BlobId blob, long recorded, long actual) implements Problem {
    @Override
    public String describe() {
      return "size mismatch in blob " + blob.hex() + ": recorded " + recorded + " bytes, file has "
          + actual;
    }
  }

  /**
   * Files of the store that other users can read: its code is then open to everyone on the machine.
   *
   * @param count how many files and folders
   * @param example one of them, with its mode
   */
  record ReadableByOthers(long count, String example) implements Problem {
    @Override
    public String describe() {
      return count + " files and folders of the store can be read by other users (e.g. " + example
          + "): run 'btsnap store chmod --private'";
    }
  }
}
