package io.btsnap.ui.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a route answers: a status, a content type, a body and extra headers. The security headers
 * are added by the server to every reply, so no route can forget them.
 *
 * @param status the HTTP status
 * @param contentType the body's media type
 * @param body the body
 * @param headers further headers (a redirect's {@code Location}, a cookie)
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
  /** Copies the headers. */
  public Reply {
    headers = Map.copyOf(headers);
  }

  /** A 200 HTML page. */
  public static Reply html(String page) {
    return html(200, page);
  }

  /** An HTML page with {@code status}. */
  public static Reply html(int status, String page) {
    return new Reply(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A 200 JSON document. */
  public static Reply json(String json) {
    return new Reply(200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A 303 to {@code location}, which the browser fetches with GET. */
  public static Reply seeOther(String location) {
    return new Reply(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
  }

  /** A plain-text reply, for refusals before any page is drawn. */
  public static Reply text(int status, String message) {
    return new Reply(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** Returns this reply with one more header. */
  public Reply withHeader(String name, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, contentType, body, more);
  }
}
