package io.btsnap.store.internal.index;

import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Provenance;
import io.btsnap.store.model.RelativePath;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary encoding of runs, manifests and blob records. Every value starts with a format byte so
 * a later version can read old records and refuse newer ones it doesn't know.
 */
final class RecordCodec {
  /** Runs before provenance: read only by {@link IndexMigration}. */
  static final int RUN_V1 = 1;
  /** Runs before environments: read as runs with none. */
  static final int RUN_V2 = 2;
  static final int RUN_V3 = 3;
  /** Manifests whose entries held their reason: read only by {@link IndexMigration}. */
  static final int MANIFEST_V1 = 1;
  static final int MANIFEST_V2 = 2;
  static final int BLOB_V1 = 1;

  private static final int FLAG_EXECUTABLE = 1;

  private RecordCodec() {}

  static byte[] runKey(RunId id) {
    return id.toKey();
  }

  static RunId runIdOf(byte[] key) {
    try {
      return RunId.fromKey(key);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException("run key: " + e.getMessage());
    }
  }

  /**
   * Encodes a run compactly: its creation time is in its key, and the strings that repeat from
   * run to run (root, entry, parameter and label names) are numbers from the string table. A
   * grid-search run takes about 50 bytes plus its parameter values.
   */
  static byte[] encodeRun(Run run, StringTable strings) {
    RecordOutput out = new RecordOutput(RUN_V3);
    out.writeByte(modeCode(run.mode()));
    out.writeVarLong(strings.idOf(run.entry()));
    out.writeVarLong(strings.idOf(run.root()));
    writeMap(out, run.params(), strings);
    writeMap(out, run.labels(), strings);
    out.writeByte(run.pinned() ? 1 : 0);
    // Provenance repeats from run to run of a grid search: one string, a number per run.
    out.writeVarLong(strings.idOf(run.provenance().text()));
    // So do environments, and they are larger (a few KB of package versions): one string each.
    out.writeVarLong(strings.idOf(run.environment().text()));
    out.writeVarLong(run.metrics().size());
    for (Map.Entry<String, Double> m : run.metrics().entrySet()) {
      out.writeVarLong(strings.idOf(m.getKey()));
      out.writeRaw(java.nio.ByteBuffer.allocate(Double.BYTES).putDouble(m.getValue()).array());
    }
    out.writeRaw(run.manifest().toBytes());
    return out.toByteArray();
  }

  static Run decodeRun(byte[] key, byte[] value, StringTable strings) {
    RecordInput in = new RecordInput(value);
    int version = in.readByte();
    if (version != RUN_V3 && version != RUN_V2) {
      throw new MalformedRecordException("run record of format " + version + ", this btsnap reads formats up to " + RUN_V3
          + (version > RUN_V3 ? " (a newer btsnap wrote it)" : ""));
    }
    return readRunBody(key, in, strings, true, null, version == RUN_V3);
  }

  /**
   * Decodes a run of format 1, which had no provenance; {@code provenance} is what its manifest's
   * entries said instead.
   */
  static Run decodeRunV1(byte[] key, byte[] value, StringTable strings, Provenance provenance) {
    RecordInput in = new RecordInput(value);
    expectVersion(in, RUN_V1, "run");
    return readRunBody(key, in, strings, false, provenance, false);
  }

  /** Returns the format byte of an encoded run. */
  static int runFormat(byte[] value) {
    return value.length == 0 ? -1 : value[0];
  }

  private static Run readRunBody(
      byte[] key, RecordInput in, StringTable strings, boolean hasProvenance, Provenance given, boolean hasEnvironment) {
    RunId id = runIdOf(key);
    CaptureMode mode = modeOf(in.readByte());
    String entry = strings.valueOf(in.readVarInt());
    String root = strings.valueOf(in.readVarInt());
    Map<String, String> params = readMap(in, strings);
    Map<String, String> labels = readMap(in, strings);
    boolean pinned = in.readByte() != 0;
    Provenance provenance = hasProvenance ? new Provenance(strings.valueOf(in.readVarInt())) : given;
    Environment environment = hasEnvironment ? new Environment(strings.valueOf(in.readVarInt())) : Environment.NONE;
    Map<String, Double> metrics = new java.util.LinkedHashMap<>();
    if (hasEnvironment) {
      for (int n = in.readVarInt(); n > 0; n--) {
        String name = strings.valueOf(in.readVarInt());
        metrics.put(name, java.nio.ByteBuffer.wrap(in.readRaw(Double.BYTES)).getDouble());
      }
    }
    BlobId manifest = BlobId.fromBytes(in.readRaw(BlobId.BYTES));
    in.expectEnd();
    return new Run(id, RunId.createdFromKey(key), mode, entry, root, params, labels, pinned, manifest, provenance, environment, metrics);
  }

  /** Returns the manifest id of an encoded run without decoding the rest: its last 32 bytes. */
  static BlobId manifestOfRun(byte[] value) {
    if (value.length < 1 + BlobId.BYTES || (value[0] != RUN_V3 && value[0] != RUN_V2 && value[0] != RUN_V1)) {
      throw new MalformedRecordException("run record of " + value.length + " bytes, format " + (value.length > 0 ? value[0] : -1));
    }
    return BlobId.fromBytes(java.util.Arrays.copyOfRange(value, value.length - BlobId.BYTES, value.length));
  }

  static byte[] encodeManifest(Manifest manifest) {
    RecordOutput out = new RecordOutput(MANIFEST_V2);
    out.writeVarLong(manifest.entries().size());
    for (ManifestEntry e : manifest.entries()) {
      out.writeString(e.path().value());
      out.writeRaw(e.blob().toBytes());
      out.writeVarLong(e.size());
      out.writeByte(e.executable() ? FLAG_EXECUTABLE : 0);
    }
    return out.toByteArray();
  }

  static Manifest decodeManifest(BlobId id, byte[] value) {
    RecordInput in = new RecordInput(value);
    expectVersion(in, MANIFEST_V2, "manifest");
    List<ManifestEntry> entries = readEntries(in, null);
    in.expectEnd();
    return new Manifest(id, entries);
  }

  /** A manifest of format 1: its entries and the reasons they carried, by path. */
  record LegacyManifest(List<ManifestEntry> entries, Map<String, String> reasons) {}

  static LegacyManifest decodeManifestV1(byte[] value) {
    RecordInput in = new RecordInput(value);
    expectVersion(in, MANIFEST_V1, "manifest");
    Map<String, String> reasons = new LinkedHashMap<>();
    List<ManifestEntry> entries = readEntries(in, reasons);
    in.expectEnd();
    return new LegacyManifest(entries, reasons);
  }

  /** Returns the format byte of an encoded manifest. */
  static int manifestFormat(byte[] value) {
    return value.length == 0 ? -1 : value[0];
  }

  private static List<ManifestEntry> readEntries(RecordInput in, Map<String, String> reasons) {
    int count = in.readVarInt();
    List<ManifestEntry> entries = new ArrayList<>(Math.min(count, 4096));
    for (int i = 0; i < count; i++) {
      String pathText = in.readString();
      String unsafe = RelativePath.problem(pathText);
      if (unsafe != null) {
        throw new MalformedRecordException("manifest path '" + pathText + "' is " + unsafe);
      }
      RelativePath path = RelativePath.of(pathText);
      BlobId blob = BlobId.fromBytes(in.readRaw(BlobId.BYTES));
      long size = in.readVarLong();
      boolean executable = (in.readByte() & FLAG_EXECUTABLE) != 0;
      if (reasons != null) {
        reasons.put(pathText, in.readString());
      }
      entries.add(new ManifestEntry(path, blob, size, executable));
    }
    return entries;
  }

  static byte[] encodeBlob(BlobRecord blob) {
    return new RecordOutput(BLOB_V1)
        .writeVarLong(blob.size())
        .writeVarLong(blob.storedSize())
        .writeByte(blob.codec())
        .writeVarLong(blob.refCount())
        .toByteArray();
  }

  static BlobRecord decodeBlob(byte[] value) {
    RecordInput in = new RecordInput(value);
    expectVersion(in, BLOB_V1, "blob");
    BlobRecord record =
        new BlobRecord(in.readVarLong(), in.readVarLong(), in.readByte(), in.readVarLong());
    in.expectEnd();
    return record;
  }

  static byte[] encodeCount(long count) {
    return new RecordOutput(1).writeVarLong(count).toByteArray();
  }

  static long decodeCount(byte[] value) {
    RecordInput in = new RecordInput(value);
    expectVersion(in, 1, "reference count");
    long count = in.readVarLong();
    in.expectEnd();
    return count;
  }

  private static void expectVersion(RecordInput in, int known, String what) {
    int version = in.readByte();
    if (version != known) {
      throw new MalformedRecordException(what + " record of format " + version + ", this btsnap reads format " + known
          + (version > known ? " (a newer btsnap wrote it)" : ""));
    }
  }

  // Explicit codes rather than ordinals, so reordering the enum can't change stored meaning.
  private static int modeCode(CaptureMode mode) {
    return switch (mode) {
      case ENTRY -> 0;
      case IMPORTS -> 1;
      case FILES -> 2;
      case LOADED -> 3;
      case IMPORTS_LOADED -> 4;
    };
  }

  private static CaptureMode modeOf(int code) {
    return switch (code) {
      case 0 -> CaptureMode.ENTRY;
      case 1 -> CaptureMode.IMPORTS;
      case 2 -> CaptureMode.FILES;
      case 3 -> CaptureMode.LOADED;
      case 4 -> CaptureMode.IMPORTS_LOADED;
      default -> throw new MalformedRecordException("unknown capture mode code " + code);
    };
  }

  private static void writeMap(RecordOutput out, Map<String, String> map, StringTable strings) {
    out.writeVarLong(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      out.writeVarLong(strings.idOf(e.getKey()));
      out.writeString(e.getValue());
    }
  }

  private static Map<String, String> readMap(RecordInput in, StringTable strings) {
    int count = in.readVarInt();
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      map.put(strings.valueOf(in.readVarInt()), in.readString());
    }
    return map;
  }
}
