package io.btsnap.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.Store;
import io.btsnap.store.model.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs page is read one page at a time on the server, in the order asked, across pages. */
class RunsPagingTest {
  private static final Pattern ROW = Pattern.compile("<tr data-id=\"([^\"]+)\">");
  private static final int RUNS = 120;

  @TempDir static Path tmp;
  static Store store;
  static UiServer server;
  static final List<Run> runs = new ArrayList<>();
  static String cookie;

  @BeforeAll
  static void start() throws Exception {
    Path entry = Files.writeString(Files.createDirectories(tmp.resolve("project")).resolve("s.py"), "print(1)\n");
    store = Store.open(tmp.resolve("store"));
    for (int i = 0; i < RUNS; i++) {
      Run run = CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withParams(Map.of("i", Integer.toString(i)))).run();
      runs.add(store.annotate(run.id().value(), Map.of("score", (double) (i % 7))));
    }
    server = UiServer.start(store, UiSettings.local());
    cookie = "btsnap-ui-" + server.port() + "=" + server.address().getQuery().substring("token=".length());
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  private static RawHttp.Response get(String target) throws Exception {
    return RawHttp.send(server.port(), "GET", target, "127.0.0.1:" + server.port(), cookie);
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static List<String> rows(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  @Test
  void pagesOfFiftyNewestFirst() throws Exception {
    List<String> newest = reversed(runs).stream().map(r -> r.id().value()).toList();
    String first = get("/").body();
    assertThat(rows(first)).containsExactlyElementsOf(newest.subList(0, 50));
    assertThat(first).contains("<span id=\"total\">120</span>").contains("page 1 of 3").contains("rel=\"next\"");
    String last = get("/?page=3").body();
    assertThat(rows(last)).containsExactlyElementsOf(newest.subList(100, 120));
    assertThat(last).contains("<span id=\"first\">101</span>").doesNotContain("rel=\"next\"").contains("rel=\"prev\"");
    // Only the first page in the store's order follows new runs.
    assertThat(first).contains("data-live=");
    assertThat(last).doesNotContain("data-live=");
  }

  @Test
  void aParameterSortsByNumberAcrossPages() throws Exception {
    List<String> byI = runs.stream().map(r -> r.id().value()).toList();
    assertThat(rows(get("/?sort=param.i&dir=asc").body())).containsExactlyElementsOf(byI.subList(0, 50));
    assertThat(rows(get("/?sort=param.i&dir=asc&page=3").body())).containsExactlyElementsOf(byI.subList(100, 120));
    assertThat(rows(get("/?sort=param.i&dir=desc&page=3").body())).containsExactlyElementsOf(reversed(byI).subList(100, 120));
  }

  @Test
  void aMetricSortKeepsTiesNewestFirstAndFiltersCount() throws Exception {
    List<String> sixes = runs.stream().filter(r -> r.metrics().get("score") == 6.0).map(r -> r.id().value()).toList();
    String page = get("/?sort=metric.score&dir=desc").body();
    assertThat(rows(page).subList(0, sixes.size())).containsExactlyElementsOf(reversed(sixes));
    String filtered = get("/?where=score%3E%3D6").body();
    assertThat(rows(filtered)).containsExactlyElementsOf(reversed(sixes));
    assertThat(filtered).contains("<span id=\"total\">" + sixes.size() + "</span>");
    assertThat(get("/?page=0").status()).isEqualTo(400);
    assertThat(get("/?sort=nosuch").status()).isEqualTo(400);
  }
}
