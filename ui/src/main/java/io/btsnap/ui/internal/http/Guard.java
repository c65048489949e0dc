package io.btsnap.ui.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a request may be answered, before any route sees it.
 *
 * <ul>
 *   <li>The {@code Host} header must name the server as the browser was told to reach it
 *       ({@code 127.0.0.1:PORT}, {@code localhost:PORT}) or an allowed name: a page of another
 *       site that rebinds its DNS name to 127.0.0.1 sends its own name, and is refused.
 *   <li>The token, from the printed URL or from the cookie its first use set. Other local users
 *       and other sites' pages can reach the port, but cannot know the token.
 *   <li>Only GET and HEAD: the page reads, it never changes the store.
 * </ul>
 */
public final class Guard {
  /** The query parameter of the printed URL that carries the token. */
  public static final String TOKEN_PARAMETER = "token";

  private final String token;
  private final String cookieName;
  private final Set<String> hosts = new HashSet<>();

  /** A guard for a server on {@code port} with {@code token}, also answering {@code allowedHosts}. */
  public Guard(int port, String token, Set<String> allowedHosts) {
    this.token = token;
    // Cookies are not separated by port: two servers on one host would overwrite one cookie.
    this.cookieName = "btsnap-ui-" + port;
    hosts.add("127.0.0.1:" + port);
    hosts.add("localhost:" + port);
    for (String name : allowedHosts) {
      String lower = name.toLowerCase(Locale.ROOT);
      hosts.add(lower);
      hosts.add(lower + ":" + port);
    }
  }

  /** Returns the cookie's name, which includes the port. */
  public String cookieName() {
    return cookieName;
  }

  /**
   * Returns the reply that refuses or redirects the request, or empty when a route may answer
   * it. {@code rawQuery} is still percent-encoded; any argument but the method may be null.
   */
  public Optional<Reply> check(String method, String host, String cookies, String path, String rawQuery) {
    if (host == null || !hosts.contains(host.strip().toLowerCase(Locale.ROOT))) {
      return Optional.of(Reply.text(403, "forbidden: this server answers only 127.0.0.1, localhost or an --allow-host name"));
    }
    QueryString query = QueryString.parse(rawQuery);
    boolean inQuery = query.has(TOKEN_PARAMETER);
    boolean known = inQuery ? matches(query.all(TOKEN_PARAMETER).stream().findFirst().orElse(""))
        : cookieToken(cookies).map(this::matches).orElse(false);
    if (!known) {
      return Optional.of(Reply.text(403, "forbidden: open the address btsnap ui printed, with its token"));
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Optional.of(Reply.text(405, "method not allowed: this page only reads").withHeader("Allow", "GET, HEAD"));
    }
    if (inQuery) {
      // The token leaves the address bar (and the history) at once; the cookie carries it on.
      return Optional.of(Reply.seeOther(path + query.without(TOKEN_PARAMETER))
          .withHeader("Set-Cookie", cookieName + "=" + token + "; Path=/; HttpOnly; SameSite=Strict"));
    }
    return Optional.empty();
  }

  private Optional<String> cookieToken(String cookies) {
    if (cookies == null) {
      return Optional.empty();
    }
    for (String part : cookies.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).strip().equals(cookieName)) {
        return Optional.of(part.substring(eq + 1).strip());
      }
    }
    return Optional.empty();
  }

  private boolean matches(String candidate) {
    // Constant time: the comparison must not tell how much of a guess was right.
    return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }
}
