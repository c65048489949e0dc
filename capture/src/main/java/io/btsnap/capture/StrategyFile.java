package io.btsnap.capture;

import io.btsnap.capture.SelectionException;
import io.btsnap.store.model.CaptureMode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A {@code strategy.yaml}: which files a capture takes.
 *
 * <pre>
 * mode: files            # optional: files (default), imports or entry
 * files:                 # paths or globs relative to the file's folder (the project root)
 *   - my_strategy.py
 *   - utils/*.py
 *   - config/params.json
 * exclude:               # optional: paths or globs to leave out
 *   - utils/scratch_*.py
 * </pre>
 *
 * <p>It is read as a YAML node tree only, never constructed into objects: no tag can name a
 * class, aliases and size are capped, duplicate keys are refused.
 *
 * @param file where it was read from
 * @param mode the mode it asks for, if any
 * @param files the {@code files:} items
 * @param excludes the {@code exclude:} items
 */
public record StrategyFile(Path file, Optional<CaptureMode> mode, List<Item> files, List<Item> excludes) {
  /** The file name looked for beside the entry and at the project root. */
  public static final String NAME = "strategy.yaml";

  /** Larger than any real file list; refuses a runaway file before parsing it. */
  static final int MAX_BYTES = 1 << 20;

  private static final List<String> KNOWN_KEYS = List.of("files", "exclude", "mode");
  private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

  /**
   * One list item.
   *
   * @param text the path or glob
   * @param line its 1-based line in the file
   */
  public record Item(String text, int line) {}

  /** Makes the lists immutable. */
  public StrategyFile {
    files = List.copyOf(files);
    excludes = List.copyOf(excludes);
  }

  /** Reads and checks {@code file}; every problem is a one-line {@link SelectionException}. */
  public static StrategyFile read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new SelectionException(file + ": not found or not a regular file");
    }
    if (Files.size(file) > MAX_BYTES) {
      throw new SelectionException(file + ": larger than " + io.btsnap.bytes.ByteSizes.human(MAX_BYTES));
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new SelectionException(file + ": not UTF-8 text");
    }
    Node root;
    try {
      root = yaml().compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new SelectionException(file + ":" + line + ": " + oneLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
    } catch (YAMLException e) {
      throw new SelectionException(file + ": " + oneLine(e.getMessage()));
    }
    return fromTree(file, root);
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(10);
    options.setCodePointLimit(MAX_BYTES);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
  }

  private static StrategyFile fromTree(Path file, Node root) throws SelectionException {
    if (root == null) {
      throw new SelectionException(file + ": empty; expected a mapping with a files: list");
    }
    checkTags(file, root);
    if (!(root instanceof MappingNode mapping)) {
      throw error(file, root, "expected a mapping with a files: list");
    }
    Optional<CaptureMode> mode = Optional.empty();
    List<Item> files = null;
    List<Item> excludes = List.of();
    Set<String> seen = new java.util.HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        throw error(file, tuple.getKeyNode(), "keys must be plain words");
      }
      String key = keyNode.getValue();
      if (!seen.add(key)) {
        // Composing does not check duplicates (constructing would); a repeated key would
        // silently drop the first list.
        throw error(file, keyNode, "duplicate key '" + key + "'");
      }
      Node value = tuple.getValueNode();
      switch (key) {
        case "files" -> files = items(file, key, value);
        case "exclude" -> excludes = items(file, key, value);
        case "mode" -> mode = Optional.of(mode(file, value));
        default -> throw error(file, keyNode, "unknown key '" + key + "' (known: " + String.join(", ", KNOWN_KEYS) + ")");
      }
    }
    if (files == null && mode.orElse(CaptureMode.FILES) == CaptureMode.FILES) {
      throw error(file, root, "no files: list");
    }
    return new StrategyFile(file, mode, files == null ? List.of() : files, excludes);
  }

  private static List<Item> items(Path file, String key, Node value) throws SelectionException {
    if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
      return List.of();
    }
    if (!(value instanceof SequenceNode sequence)) {
      throw error(file, value, key + ": expected a list of paths");
    }
    List<Item> items = new ArrayList<>();
    for (Node node : sequence.getValue()) {
      if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
        throw error(file, node, key + ": each item must be a path");
      }
      items.add(new Item(scalar.getValue().strip(), line(node)));
    }
    return items;
  }

  private static CaptureMode mode(Path file, Node value) throws SelectionException {
    if (!(value instanceof ScalarNode scalar)) {
      throw error(file, value, "mode: expected one of entry, imports, files");
    }
    try {
      return CaptureMode.fromSpelling(scalar.getValue());
    } catch (IllegalArgumentException e) {
      throw error(file, value, "mode: " + e.getMessage());
    }
  }

  private static void checkTags(Path file, Node node) throws SelectionException {
    if (!PLAIN_TAGS.contains(node.getTag())) {
      throw error(file, node, "tag " + node.getTag() + " is not allowed");
    }
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        checkTags(file, t.getKeyNode());
        checkTags(file, t.getValueNode());
      }
    } else if (node instanceof SequenceNode s) {
      for (Node child : s.getValue()) {
        checkTags(file, child);
      }
    }
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private static SelectionException error(Path file, Node node, String message) {
    return new SelectionException(file + ":" + line(node) + ": " + message);
  }

  private static String oneLine(String text) {
    return text == null ? "malformed YAML" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
