package io.btsnap.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through chromedriver, both at their Debian paths and named
 * explicitly, so Selenium never looks for a driver on the network. Without them the browser
 * tests skip, unless {@code CI=true}: there a missing browser fails them.
 */
final class Browser {
  static final Path CHROMIUM = Path.of(System.getProperty("btsnap.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("btsnap.chromedriver", "/usr/bin/chromedriver"));

  private Browser() {}

  /** Starts a browser with a fresh profile under {@code profile}, or skips (fails under CI) without one. */
  static ChromeDriver start(Path profile) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String missing = "no browser: " + CHROMIUM + " and " + CHROMEDRIVER
          + " are needed (apt-get install chromium chromium-driver)";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(missing);
      }
      Assumptions.abort(missing);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-default-apps", "--disable-extensions", "--window-size=1400,1000",
        "--user-data-dir=" + Files.createDirectories(profile).toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogOutput(java.io.OutputStream.nullOutputStream())
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.manage().window().setSize(new Dimension(1400, 1000));
    return driver;
  }

  /** Saves what the browser shows as {@code ui/target/screenshots/NAME.png}. */
  static Path screenshot(ChromeDriver driver, String name) throws IOException {
    Path dir = Path.of(System.getProperty("btsnap.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path target = dir.resolve(name + ".png");
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** A full-page screenshot: the window grown to the page's height first. */
  static Path fullScreenshot(ChromeDriver driver, String name) throws IOException {
    Dimension before = driver.manage().window().getSize();
    Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(4000, Math.max(before.getHeight(), height.intValue() + 140))));
    try {
      return screenshot(driver, name);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

}
