package io.btsnap.cli.options;

import io.btsnap.cli.convert.DurationConverter;
import io.btsnap.store.model.RetentionPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The retention options of {@code store gc} and {@code remote gc}: which runs to delete. */
public final class RetentionOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--older-than", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Delete runs older than this (30d, 12h, 2w), unless a keep rule keeps them.")
  Duration olderThan;

  @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N runs.")
  Integer keepLast;

  @Option(names = "--keep-within", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Keep runs younger than this.")
  Duration keepWithin;

  @Option(names = "--keep-label", paramLabel = "KEY=VALUE", description = "Keep runs with this label (repeatable).")
  Map<String, String> keepLabels = new LinkedHashMap<>();

  @Option(names = "--keep-top", paramLabel = "N",
      description = "Keep the best N runs by the metric of --by (of each value of --per's label); deletes the rest unless kept.")
  Integer keepTop;

  @Option(names = "--by", paramLabel = "METRIC", description = "The metric of --keep-top: highest is best; +METRIC lowest is best.")
  String by;

  @Option(names = "--per", paramLabel = "LABEL_KEY", description = "Apply --keep-top within each value of this label, e.g. sweep.")
  String per;

  /** Returns the policy the options give; a bad combination is a usage error. */
  public RetentionPolicy policy() {
    if (keepLast != null && keepLast < 0) {
      throw new ParameterException(spec.commandLine(), "--keep-last must not be negative: " + keepLast);
    }
    return new RetentionPolicy(
        Optional.ofNullable(olderThan),
        keepLast == null ? OptionalInt.empty() : OptionalInt.of(keepLast),
        Optional.ofNullable(keepWithin),
        keepLabels,
        keepTop());
  }

  private Optional<RetentionPolicy.KeepTop> keepTop() {
    if (keepTop == null) {
      if (by != null || per != null) {
        throw new ParameterException(spec.commandLine(), "--by and --per go with --keep-top N");
      }
      return Optional.empty();
    }
    if (keepTop < 0) {
      throw new ParameterException(spec.commandLine(), "--keep-top must not be negative: " + keepTop);
    }
    if (by == null) {
      throw new ParameterException(spec.commandLine(), "--keep-top needs --by METRIC, the metric that ranks runs");
    }
    boolean lowest = by.startsWith("+");
    String metric = lowest || by.startsWith("-") ? by.substring(1) : by;
    if (metric.isBlank() || metric.contains("=") || (per != null && (per.isBlank() || per.contains("=")))) {
      throw new ParameterException(spec.commandLine(), "--by needs a metric name and --per a label key, e.g. --by sharpe --per sweep");
    }
    return Optional.of(new RetentionPolicy.KeepTop(keepTop, metric, lowest, Optional.ofNullable(per)));
  }
}
