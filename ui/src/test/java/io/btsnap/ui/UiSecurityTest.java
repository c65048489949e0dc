package io.btsnap.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.store.Store;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of who may read the page, checked with plain HTTP requests against a real server. */
class UiSecurityTest {
  @TempDir static Path tmp;
  static SweepStore sweep;
  static Store store;
  static UiServer server;
  static int port;
  static String token;
  static String host;

  @BeforeAll
  static void start() throws Exception {
    sweep = SweepStore.build(tmp);
    store = Store.openExisting(sweep.storeDir);
    server = UiServer.start(store, new UiSettings(UiSettings.LOOPBACK, 0, Set.of("box.lan"), Optional.empty()));
    port = server.port();
    token = server.address().getQuery().substring("token=".length());
    host = "127.0.0.1:" + port;
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  private static String cookie() {
    return "btsnap-ui-" + port + "=" + token;
  }

  @Test
  void addressIsTheLoopbackWithItsToken() {
    assertThat(server.address().toString()).matches("http://127\\.0\\.0\\.1:" + port + "/\\?token=[A-Za-z0-9_-]{43}");
  }

  @Test
  void requestWithoutTokenIsForbidden() throws Exception {
    RawHttp.Response r = RawHttp.send(port, "GET", "/", host, null);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).doesNotContain("<table").doesNotContain(sweep.runs.get(0).id().value());
    assertThat(RawHttp.send(port, "GET", "/runs/latest", host, null).status()).isEqualTo(403);
    assertThat(RawHttp.send(port, "GET", "/assets/ui.js", host, null).status()).isEqualTo(403);
  }

  @Test
  void wrongTokenOrCookieIsForbidden() throws Exception {
    assertThat(RawHttp.send(port, "GET", "/?token=" + token.substring(1) + "x", host, null).status()).isEqualTo(403);
    assertThat(RawHttp.send(port, "GET", "/", host, "btsnap-ui-" + port + "=nope").status()).isEqualTo(403);
    // The cookie of another server (another port) is not this one's.
    assertThat(RawHttp.send(port, "GET", "/", host, "btsnap-ui-" + (port + 1) + "=" + token).status()).isEqualTo(403);
  }

  @Test
  void tokenSetsAStrictHttpOnlyCookieNamedWithThePortAndRedirectsWithoutIt() throws Exception {
    RawHttp.Response r = RawHttp.send(port, "GET", "/runs/latest?token=" + token + "&x=1", host, null);
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.header("Location")).contains("/runs/latest?x=1");
    String setCookie = r.header("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("btsnap-ui-" + port + "=" + token + ";").contains("HttpOnly").contains("SameSite=Strict");
    assertThat(RawHttp.send(port, "GET", "/?token=" + token, host, null).header("Location")).contains("/");
  }

  @Test
  void cookieOpensEveryPageWithTheSecurityHeaders() throws Exception {
    RawHttp.Response r = RawHttp.send(port, "GET", "/", host, cookie());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains(sweep.runs.get(sweep.runs.size() - 1).id().value());
    assertThat(r.header("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'").contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("http");
    assertThat(r.header("Referrer-Policy")).contains("no-referrer");
    for (String page : new String[] {"/runs/latest", "/sweeps/grid", "/compare/" + sweep.runs.get(0).id().value() + "/latest",
        "/assets/ui.css", "/assets/ui.js", "/api/runs", "/no-such-page"}) {
      RawHttp.Response p = RawHttp.send(port, "GET", page, host, cookie());
      assertThat(p.status()).as(page).isEqualTo(page.equals("/no-such-page") ? 404 : 200);
      assertThat(p.header("Content-Security-Policy")).as(page).isPresent();
      assertThat(p.header("Referrer-Policy")).as(page).contains("no-referrer");
    }
  }

  @Test
  void foreignHostIsForbiddenEvenWithTheToken() throws Exception {
    // A page of evil.example whose name a DNS rebinding points at 127.0.0.1 sends its own name.
    assertThat(RawHttp.send(port, "GET", "/", "evil.example:" + port, cookie()).status()).isEqualTo(403);
    assertThat(RawHttp.send(port, "GET", "/?token=" + token, "evil.example", null).status()).isEqualTo(403);
    assertThat(RawHttp.send(port, "GET", "/", "127.0.0.1:" + (port + 1), cookie()).status()).isEqualTo(403);
    assertThat(RawHttp.send(port, "GET", "/", null, cookie()).status()).isEqualTo(403);
    assertThat(RawHttp.send(port, "GET", "/", "localhost:" + port, cookie()).status()).isEqualTo(200);
    assertThat(RawHttp.send(port, "GET", "/", "box.lan:" + port, cookie()).status()).isEqualTo(200);
  }

  @Test
  void onlyReadingMethodsAreAllowed() throws Exception {
    for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
      RawHttp.Response r = RawHttp.send(port, method, "/", host, cookie());
      assertThat(r.status()).as(method).isEqualTo(405);
      assertThat(r.header("Allow")).contains("GET, HEAD");
    }
    RawHttp.Response head = RawHttp.send(port, "HEAD", "/", host, cookie());
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void serverOnEveryAddressPrintsTheLoopbackAndStillChecksTheHost() throws Exception {
    try (UiServer wide = UiServer.start(store, new UiSettings(java.net.InetAddress.getByName("0.0.0.0"), 0, Set.of(), Optional.empty()))) {
      assertThat(wide.address().getHost()).isEqualTo("127.0.0.1");
      String wideCookie = "btsnap-ui-" + wide.port() + "=" + wide.address().getQuery().substring("token=".length());
      assertThat(RawHttp.send(wide.port(), "GET", "/", "127.0.0.1:" + wide.port(), wideCookie).status()).isEqualTo(200);
      assertThat(RawHttp.send(wide.port(), "GET", "/", "evil.example:" + wide.port(), wideCookie).status()).isEqualTo(403);
      // Each server has its own token.
      assertThat(RawHttp.send(wide.port(), "GET", "/", "127.0.0.1:" + wide.port(), "btsnap-ui-" + wide.port() + "=" + token).status())
          .isEqualTo(403);
    }
  }

  @Test
  void portInUseIsABindException() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, UiSettings.LOOPBACK)) {
      assertThatThrownBy(() -> UiServer.start(store, UiSettings.local().withPort(taken.getLocalPort())))
          .isInstanceOf(BindException.class);
    }
  }
}
