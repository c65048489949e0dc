package io.btsnap.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.store.Store;
import io.btsnap.store.model.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page of {@code btsnap ui} in a real headless Chromium, over a real store of a real sweep
 * ({@link SweepStore}): what a person sees, and that the page fetches nothing from elsewhere.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiBrowserTest {
  @TempDir static Path tmp;
  static SweepStore sweep;
  static Store store;
  static UiServer server;
  static ChromeDriver browser;
  static String origin;

  @BeforeAll
  static void start() throws Exception {
    sweep = SweepStore.build(tmp);
    store = Store.openExisting(sweep.storeDir);
    server = UiServer.start(store, UiSettings.local().withStoreFlag(Optional.of(sweep.storeDir)));
    origin = "http://127.0.0.1:" + server.port();
    browser = Browser.start(tmp.resolve("profile"));
    browser.get(server.address().toString());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (store != null) {
      store.close();
    }
  }

  private static void open(String path) {
    browser.get(origin + path);
  }

  private static List<String> rowIds() {
    return browser.findElements(By.cssSelector("#runs tbody tr")).stream().map(r -> r.getAttribute("data-id")).toList();
  }

  private static List<Run> newestFirst() {
    return sweep.runs.stream().sorted(Comparator.comparing(Run::id).reversed()).toList();
  }

  @Test
  @Order(1)
  void runsTableListsEveryRunNewestFirstAndTheTokenLeavesTheAddress() throws Exception {
    open("/");
    assertThat(browser.getCurrentUrl()).isEqualTo(origin + "/").doesNotContain("token");
    assertThat(rowIds()).containsExactlyElementsOf(newestFirst().stream().map(r -> r.id().value()).toList());
    assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("18");
    List<String> headers = browser.findElements(By.cssSelector("#runs thead th")).stream()
        .map(h -> h.getText().replace(" ▼", "")).toList();
    assertThat(headers).containsSubsequence("id", "created", "code", "rsi_period", "bb_std", "sharpe", "max_dd");
    WebElement first = browser.findElement(By.cssSelector("#runs tbody tr"));
    Run newest = newestFirst().get(0);
    assertThat(first.getText()).contains(newest.id().value(), newest.manifest().shortForm(), "sweep=grid", "25", "2.5");
    Browser.fullScreenshot(browser, "runs");
  }

  @Test
  @Order(2)
  void aClickOnAMetricHeaderSortsByIt() throws Exception {
    open("/");
    browser.findElement(By.cssSelector("th a[data-key='metric.sharpe']")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("dir=asc"));
    List<String> ascending = rowIds();
    browser.findElement(By.cssSelector("th a[data-key='metric.sharpe']")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("dir=desc"));
    assertThat(browser.findElement(By.cssSelector("th.sorted")).getText()).isEqualTo("sharpe ▼");
    List<String> descending = rowIds();
    Run best = sweep.runs.stream().max(Comparator.comparing((Run r) -> r.metrics().get("sharpe"))).orElseThrow();
    assertThat(descending.get(0)).isEqualTo(best.id().value());
    assertThat(best).isEqualTo(sweep.run(1, "25", "2.0"));
    List<Double> shown = browser.findElements(By.cssSelector("#runs tbody tr")).stream()
        .map(r -> Double.parseDouble(r.findElements(By.tagName("td")).get(headerIndex("sharpe")).getText())).toList();
    assertThat(shown).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(ascending.get(ascending.size() - 1)).isNotEqualTo(ascending.get(0));
  }

  private static int headerIndex(String title) {
    List<String> headers = browser.findElements(By.cssSelector("#runs thead th")).stream()
        .map(h -> h.getText().replace(" ▲", "").replace(" ▼", "")).toList();
    return headers.indexOf(title);
  }

  @Test
  @Order(3)
  void filtersWorkAsLsDoes() throws Exception {
    open("/");
    browser.findElement(By.id("filter-where")).sendKeys("sharpe>1.45");
    browser.findElement(By.id("filter-param")).sendKeys("bb_std=2.0");
    browser.findElement(By.cssSelector("form.filters button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("where="));
    Set<String> expected = sweep.runs.stream()
        .filter(r -> r.metrics().get("sharpe") > 1.45 && r.params().get("bb_std").equals("2.0"))
        .map(r -> r.id().value()).collect(Collectors.toSet());
    assertThat(expected).hasSize(3);
    assertThat(rowIds()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(browser.getCurrentUrl()).contains("where=sharpe%3E1.45");
    Browser.screenshot(browser, "runs-filtered");

    open("/?where=sharpe%7E1");
    assertThat(browser.findElement(By.cssSelector("p.error")).getText()).contains("--where needs METRIC OP NUMBER");
    open("/?label=sweep%3Dnone");
    assertThat(rowIds()).isEmpty();
    assertThat(browser.findElement(By.id("empty")).getText()).isEqualTo("no runs match");
  }

  @Test
  @Order(4)
  void runPageShowsItsValuesItsEscapedSourceAndTheRestoreCommand() throws Exception {
    Run run = sweep.run(1, "20", "2.0");
    open("/runs/" + uniqueEnd(run));
    assertThat(browser.findElement(By.id("run-id")).getText()).isEqualTo(run.id().value());
    assertThat(browser.findElement(By.id("params")).getText()).contains("rsi_period 20", "bb_std 2.0");
    assertThat(browser.findElement(By.id("metrics")).getText()).contains("sharpe " + io.btsnap.store.query.MetricText.format(run.metrics().get("sharpe")));
    assertThat(browser.findElement(By.id("labels")).getText()).contains("sweep grid");
    assertThat(browser.findElement(By.id("environment")).getText()).contains("python 3.12.1");
    assertThat(browser.findElement(By.id("restore")).getText())
        .isEqualTo("btsnap --store " + sweep.storeDir.toAbsolutePath() + " restore " + run.id().value() + " ./" + run.id().value());
    List<String> paths = browser.findElements(By.cssSelector("#files details.file")).stream().map(f -> f.getAttribute("data-path")).toList();
    assertThat(paths).containsExactly("lib/__init__.py", "lib/bands.py", "risk.py", "signals.py", "strategy.py");
    WebElement lib = browser.findElement(By.cssSelector("#files details.folder"));
    assertThat(lib.findElement(By.tagName("summary")).getText()).isEqualTo("lib/");
    assertThat(lib.findElements(By.cssSelector("details.file")).stream().map(f -> f.getAttribute("data-path")))
        .containsExactly("lib/__init__.py", "lib/bands.py");
    WebElement strategy = browser.findElement(By.cssSelector("details.file[data-path='strategy.py']"));
    strategy.findElement(By.tagName("summary")).click();
    String source = strategy.findElement(By.cssSelector("pre.source")).getText();
    assertThat(source).contains("# <script>alert('not run')</script> & friends", "return risk.cap(rsi(params))");
    assertThat(strategy.findElements(By.cssSelector("pre.source script"))).isEmpty();
    browser.findElement(By.cssSelector("details.file[data-path='signals.py'] summary")).click();
    Browser.fullScreenshot(browser, "run");

    open("/runs/latest");
    assertThat(browser.findElement(By.id("run-id")).getText()).isEqualTo(newestFirst().get(0).id().value());
    open("/runs/nosuchrun");
    assertThat(browser.findElement(By.cssSelector("p.error")).getText()).contains("no run");
  }

  /** Returns the shortest end of the run's id (4+ characters) that names it alone. */
  private static String uniqueEnd(Run run) {
    String id = run.id().value();
    for (int n = 4; n < id.length(); n++) {
      String end = id.substring(id.length() - n);
      if (sweep.runs.stream().filter(r -> r.id().value().endsWith(end)).count() == 1) {
        return end;
      }
    }
    return id;
  }

  @Test
  @Order(5)
  void sweepHeatmapLinksEachCellToItsBestRunAndMarksOtherCodeVersions() throws Exception {
    open("/sweeps/grid?metric=sharpe&x=rsi_period&y=bb_std");
    List<WebElement> cells = browser.findElements(By.cssSelector("#heatmap a.cell"));
    assertThat(cells).hasSize(12);
    WebElement rerun = cell("20", "2.0");
    Run best = sweep.run(1, "20", "2.0");
    assertThat(rerun.getAttribute("data-run")).isEqualTo(best.id().value());
    assertThat(rerun.getAttribute("data-count")).isEqualTo("2");
    assertThat(rerun.getDomAttribute("href")).isEqualTo("/runs/" + best.id().value());
    assertThat(rerun.findElement(By.cssSelector("text.count")).getText()).isEqualTo("best of 2");
    assertThat(rerun.findElement(By.cssSelector("text.version")).getText()).isEqualTo("code " + best.manifest().shortForm());
    WebElement single = cell("10", "1.5");
    assertThat(single.findElement(By.cssSelector("text.count")).getText()).isEqualTo("1 run");
    assertThat(single.findElements(By.cssSelector("text.version"))).isEmpty();
    assertThat(single.getAttribute("data-run")).isEqualTo(sweep.run(0, "10", "1.5").id().value());
    Set<String> marked = browser.findElements(By.cssSelector("#heatmap a.cell.other-version")).stream()
        .map(c -> c.getAttribute("data-run")).collect(Collectors.toSet());
    assertThat(marked).isEqualTo(sweep.second.stream().map(r -> r.id().value()).collect(Collectors.toSet()));
    String versions = browser.findElement(By.id("versions")).getText();
    Run v1 = sweep.first.get(0);
    assertThat(versions).contains(v1.manifest().shortForm() + " 12", best.manifest().shortForm() + " 6", "main (most runs)");
    assertThat(v1.manifest().shortForm()).hasSize(12);
    assertThat(browser.findElement(By.id("rule")).getText()).contains("highest sharpe", "best of N", v1.manifest().shortForm());
    assertThat(browser.findElement(By.id("legend")).getText()).contains("sharpe");
    assertThat(browser.findElements(By.cssSelector("#scatter a.point"))).hasSize(18);
    assertThat(browser.findElements(By.cssSelector("#scatter a.point.other-version"))).hasSize(6);
    Browser.fullScreenshot(browser, "sweep");

    rerun.click();
    awaitUrl(origin + "/runs/" + best.id().value());

    open("/sweeps/grid?metric=sharpe&x=rsi_period&y=bb_std&best=min");
    WebElement worst = cell("20", "2.0");
    assertThat(worst.getAttribute("data-run")).isEqualTo(sweep.run(0, "20", "2.0").id().value());
    assertThat(worst.findElement(By.cssSelector("text.count")).getText()).isEqualTo("best of 2");
    assertThat(browser.findElements(By.cssSelector("#heatmap a.cell.other-version"))).isEmpty();
    assertThat(browser.findElement(By.id("rule")).getText()).contains("lowest sharpe");

    open("/sweeps/grid");
    assertThat(browser.findElement(By.id("choose-metric")).getAttribute("value")).isEqualTo("sharpe");
    assertThat(browser.findElements(By.cssSelector("#heatmap a.cell"))).hasSize(12);
    open("/sweeps/nosuchsweep");
    assertThat(browser.findElement(By.cssSelector("p.error")).getText()).contains("no runs in sweep nosuchsweep");
  }

  private static void awaitUrl(String url) {
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url));
  }

  private static WebElement cell(String rsi, String bb) {
    return browser.findElement(By.cssSelector("#heatmap a.cell[data-x='" + rsi + "'][data-y='" + bb + "']"));
  }

  @Test
  @Order(6)
  void compareShowsChangedLinesInColourAddedAndRemovedFilesAndValueChanges() throws Exception {
    Run a = sweep.run(0, "20", "2.0");
    Run b = sweep.run(1, "20", "2.0");
    open("/runs/" + a.id().value());
    browser.findElement(By.cssSelector("form.compare input[name='b']")).sendKeys(b.id().value());
    browser.findElement(By.cssSelector("form.compare button")).click();
    awaitUrl(origin + "/compare/" + a.id().value() + "/" + b.id().value());
    List<String> changes = browser.findElements(By.cssSelector("#changes li")).stream().map(WebElement::getText).toList();
    assertThat(changes).containsExactly("added risk.py", "changed signals.py", "changed strategy.py");
    WebElement signals = browser.findElement(By.cssSelector("section.file-diff[data-path='signals.py']"));
    List<String> removed = signals.findElements(By.cssSelector("span.del")).stream().map(WebElement::getText).toList();
    List<String> added = signals.findElements(By.cssSelector("span.add")).stream().map(WebElement::getText).toList();
    assertThat(removed).containsExactly("-    return period * 0.01");
    assertThat(added).containsExactly("+    return period * 0.02 + 0.1");
    assertThat(signals.findElement(By.cssSelector("span.add")).getCssValue("background-color")).isEqualTo("rgba(230, 255, 236, 1)");
    assertThat(signals.findElement(By.cssSelector("span.del")).getCssValue("background-color")).isEqualTo("rgba(255, 235, 233, 1)");
    WebElement risk = browser.findElement(By.cssSelector("section.file-diff[data-path='risk.py']"));
    assertThat(risk.getText()).contains("added in B", "+def cap(x):");
    assertThat(browser.findElements(By.cssSelector("#params tr.changed"))).isEmpty();
    assertThat(browser.findElement(By.cssSelector("#metrics tr.changed")).getText()).startsWith("sharpe");
    assertThat(browser.findElement(By.id("environment")).getText()).contains("python 3.11.7 3.12.1");
    Browser.fullScreenshot(browser, "compare");

    open("/compare/" + b.id().value() + "/" + a.id().value());
    assertThat(browser.findElement(By.cssSelector("#changes li.removed")).getText()).isEqualTo("removed risk.py");
    open("/compare/" + a.id().value() + "/" + sweep.run(0, "25", "2.0").id().value());
    assertThat(browser.findElement(By.id("same-code")).getText()).contains("same code");
    assertThat(browser.findElement(By.cssSelector("#params tr.changed")).getText()).contains("rsi_period 20 25");
  }

  @Test
  @Order(7)
  void noPageFetchesAnythingFromAnotherOrigin() throws Exception {
    Run a = sweep.run(0, "20", "2.0");
    for (String page : List.of("/", "/runs/latest", "/sweeps/grid", "/compare/" + a.id().value() + "/latest")) {
      open(page);
      @SuppressWarnings("unchecked")
      List<String> resources = (List<String>) browser.executeScript(
          "return performance.getEntriesByType('resource').map(e => e.name)");
      assertThat(resources).as(page).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
      assertThat(resources).as(page).contains(origin + "/assets/ui.css", origin + "/assets/ui.js");
      @SuppressWarnings("unchecked")
      List<String> links = (List<String>) browser.executeScript(
          "return Array.from(document.querySelectorAll('[src],[href]')).map(e => e.src || e.href)"
              + ".map(u => typeof u === 'string' ? u : u.baseVal)");
      assertThat(links).as(page).allSatisfy(url -> assertThat(url).matches("(" + java.util.regex.Pattern.quote(origin) + "/.*|data:,|/.*)"));
    }
  }

  @Test
  @Order(8)
  void newRunsAppearOnTheOpenRunsPageWithoutAReload() throws Exception {
    open("/");
    browser.executeScript("window.notReloaded = true");
    Run added = sweep.capture(store, "30", "2.0", 1, "3.12.1");
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(d -> !d.findElements(By.cssSelector("#runs tbody tr[data-id='" + added.id().value() + "']")).isEmpty());
    assertThat(rowIds().get(0)).isEqualTo(added.id().value());
    assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("19");
    assertThat(browser.executeScript("return window.notReloaded")).isEqualTo(true);
    WebElement row = browser.findElement(By.cssSelector("#runs tbody tr[data-id='" + added.id().value() + "']"));
    assertThat(row.getText()).contains("30", added.manifest().shortForm());
    Browser.screenshot(browser, "runs-live");
  }
}
