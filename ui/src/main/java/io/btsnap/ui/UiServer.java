package io.btsnap.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.btsnap.store.Store;
import io.btsnap.ui.internal.http.Guard;
import io.btsnap.ui.internal.http.HttpError;
import io.btsnap.ui.internal.http.QueryString;
import io.btsnap.ui.internal.http.Reply;
import io.btsnap.ui.internal.page.AssetFiles;
import io.btsnap.ui.internal.page.ComparePage;
import io.btsnap.ui.internal.page.ErrorPage;
import io.btsnap.ui.internal.page.RunDetailPage;
import io.btsnap.ui.internal.page.RunsFeed;
import io.btsnap.ui.internal.page.RunsPage;
import io.btsnap.ui.internal.page.SweepPage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The web page of a store: routes, security headers, and the life of the JDK's HTTP server.
 * Started by {@link #start}, it serves until {@link #close}.
 *
 * <p>Routes: {@code /} (runs), {@code /api/runs} (new runs, for the live table), {@code
 * /runs/ID}, {@code /sweeps/NAME}, {@code /compare/A/B}, {@code /assets/*}. See {@code docs/ui.md}.
 */
public final class UiServer implements AutoCloseable {
  /**
   * Only the page's own origin: no inline script or style, no other site's script, image or
   * font, no framing. A file of a run that holds markup stays text even if escaping failed.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService threads;
  private final Guard guard;
  private final String token;
  private final int port;
  private final String host;
  private final RunsPage runs;
  private final RunsFeed feed;
  private final RunDetailPage run;
  private final SweepPage sweep;
  private final ComparePage compare;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private UiServer(Store store, UiSettings settings, HttpServer server, ExecutorService threads, String token) {
    this.server = server;
    this.threads = threads;
    this.token = token;
    this.port = server.getAddress().getPort();
    this.host = addressHost(settings.bind());
    java.util.Set<String> hosts = new java.util.HashSet<>(settings.allowedHosts());
    // Bound to one outside address, the browser can only come by it: it must be allowed too.
    hosts.add(host);
    this.guard = new Guard(port, token, hosts);
    this.runs = new RunsPage(store);
    this.feed = new RunsFeed(store);
    this.run = new RunDetailPage(store, settings.storeFlag());
    this.sweep = new SweepPage(store);
    this.compare = new ComparePage(store);
  }

  /**
   * Starts serving {@code store} as {@code settings} say, with a new random token.
   *
   * @throws java.net.BindException when the port is taken or the address is not this machine's
   */
  public static UiServer start(Store store, UiSettings settings) throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    HttpServer http = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 64);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "btsnap-ui");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(threads);
    UiServer ui = new UiServer(store, settings, http, threads, token);
    http.createContext("/", ui::handle);
    http.start();
    return ui;
  }

  /** Returns the port the server listens on. */
  public int port() {
    return port;
  }

  /**
   * Returns the address to open, token included: {@code http://127.0.0.1:PORT/?token=TOKEN}, or
   * with the bound address when the server listens on one address other than the loopback.
   */
  public URI address() {
    return URI.create("http://" + host + ":" + port + "/?" + Guard.TOKEN_PARAMETER + "=" + token);
  }

  private static String addressHost(java.net.InetAddress bind) {
    if (bind.isAnyLocalAddress() || bind.isLoopbackAddress()) {
      return "127.0.0.1";
    }
    String text = bind.getHostAddress();
    return bind instanceof java.net.Inet6Address ? "[" + text.replaceAll("%.*", "") + "]" : text;
  }

  /** Waits until the server is closed. */
  public void awaitClose() throws InterruptedException {
    stopped.await();
  }

  /** Stops serving: requests in progress get up to a second to finish. */
  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    server.stop(1);
    threads.shutdown();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopped.countDown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      List<String> cookies = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
      Reply reply = guard.check(method, exchange.getRequestHeaders().getFirst("Host"), String.join("; ", cookies),
              uri.getRawPath(), uri.getRawQuery())
          .orElseGet(() -> answer(uri.getRawPath(), QueryString.parse(uri.getRawQuery())));
      send(exchange, reply, method.equals("HEAD"));
    }
  }

  private Reply answer(String path, QueryString query) {
    try {
      return route(path, query);
    } catch (HttpError e) {
      return path.startsWith("/api/") ? Reply.text(e.status(), e.getMessage()) : ErrorPage.render(e.status(), e.getMessage());
    } catch (IOException e) {
      return ErrorPage.render(500, e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (RuntimeException e) {
      return ErrorPage.render(500, "internal error: " + e);
    }
  }

  private Reply route(String path, QueryString query) throws IOException {
    String[] parts = path.split("/", -1);
    // parts[0] is the empty text before the leading slash.
    if (path.equals("/")) {
      return runs.render(query);
    }
    if (path.equals("/api/runs")) {
      return feed.render(query);
    }
    if (parts.length == 3 && parts[1].equals("runs") && !parts[2].isEmpty()) {
      return run.render(segment(parts[2]));
    }
    if (parts.length == 3 && parts[1].equals("sweeps") && !parts[2].isEmpty()) {
      return sweep.render(segment(parts[2]), query);
    }
    if (parts.length == 4 && parts[1].equals("compare") && !parts[2].isEmpty() && !parts[3].isEmpty()) {
      return compare.render(segment(parts[2]), segment(parts[3]));
    }
    if (path.equals("/compare")) {
      // The form of a run's page: two ids become the comparison's address.
      String a = query.first("a").orElseThrow(() -> HttpError.badRequest("compare needs two runs, a and b"));
      String b = query.first("b").orElseThrow(() -> HttpError.badRequest("compare needs two runs, a and b"));
      return Reply.seeOther("/compare/" + QueryString.encode(a.strip()) + "/" + QueryString.encode(b.strip()));
    }
    if (parts.length == 3 && parts[1].equals("assets")) {
      return AssetFiles.render(parts[2]);
    }
    throw HttpError.notFound("no page " + path);
  }

  private static String segment(String raw) {
    try {
      // A path keeps '+' as itself; only the query writes spaces as '+'.
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("malformed path");
    }
  }

  private static void send(HttpExchange exchange, Reply reply, boolean head) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", reply.contentType());
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Cache-Control", "no-store");
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      headers.set(h.getKey(), h.getValue());
    }
    if (head) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    byte[] body = reply.body();
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
