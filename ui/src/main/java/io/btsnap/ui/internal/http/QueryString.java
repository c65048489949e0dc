package io.btsnap.ui.internal.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parameters of a URL's query, in order, each name possibly repeated. */
public final class QueryString {
  private final Map<String, List<String>> values;

  private QueryString(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Reads a raw (still percent-encoded) query; null or empty gives no parameters. */
  public static QueryString parse(String raw) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    return new QueryString(values);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("malformed query string");
    }
  }

  /** Returns the first value of {@code name}, blank values counting as absent. */
  public Optional<String> first(String name) {
    return all(name).stream().filter(v -> !v.isBlank()).findFirst();
  }

  /** Returns every non-blank value of {@code name}. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of()).stream().filter(v -> !v.isBlank()).toList();
  }

  /** Returns whether {@code name} is present, even empty. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** Returns the query without {@code name}, encoded, with its {@code ?} when not empty. */
  public String without(String name) {
    Map<String, List<String>> rest = new LinkedHashMap<>(values);
    rest.remove(name);
    return encode(rest);
  }

  /** Returns the query with {@code name} set to {@code value} alone, encoded, with its {@code ?}. */
  public String with(String name, String value) {
    Map<String, List<String>> changed = new LinkedHashMap<>(values);
    changed.put(name, List.of(value));
    return encode(changed);
  }

  /** Returns the query with each of {@code set} given its one value and {@code drop} removed, encoded, with its {@code ?}. */
  public String changed(Map<String, String> set, String drop) {
    Map<String, List<String>> changed = new LinkedHashMap<>(values);
    changed.remove(drop);
    set.forEach((k, v) -> changed.put(k, List.of(v)));
    String encoded = encode(changed);
    return encoded.isEmpty() ? "?" : encoded;
  }

  private static String encode(Map<String, List<String>> values) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      for (String v : e.getValue()) {
        out.append(out.length() == 0 ? '?' : '&').append(encode(e.getKey())).append('=').append(encode(v));
      }
    }
    return out.toString();
  }

  /** Percent-encodes one query component. */
  public static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
