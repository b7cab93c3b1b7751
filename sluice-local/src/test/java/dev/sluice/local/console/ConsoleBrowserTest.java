package dev.sluice.local.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.cli.SluiceCli;
import dev.sluice.local.command.StdStreams;
import dev.sluice.testkit.LocalClients;
import dev.sluice.testkit.totesys.TotesysChurn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The console as a person sees it, in a real headless Chromium (Debian's chromium and chromium-driver): start
 * {@code sluice up} once, open the console, upload a CSV, churn the Totesys source, and watch the page show the new
 * file, the new batch and a changed chart value. Leaves {@code target/console-browser.png}. Tagged "browser": run by
 * .ci/run, which installs Chromium, not by the default verify.
 */
@Tag("browser")
class ConsoleBrowserTest {

    private static final Pattern CONSOLE = Pattern.compile("Console     : (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Pattern ENDPOINT = Pattern.compile("S3 endpoint : (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern POSTGRES = Pattern.compile("PostgreSQL  : 127\\.0\\.0\\.1:(\\d+)");
    private static final String BATCH_ID = "\\d{8}T\\d{9}Z-\\d{6}";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @TempDir
    Path dataDir;

    @TempDir
    Path profile;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @Test
    void thePageShowsANewUploadANewBatchAndAChangedChartWithinSeconds() throws Exception {
        assertThat(new File(CHROMIUM))
                .as("Debian's chromium package (apt-get install chromium chromium-driver)")
                .exists();
        assertThat(new File(CHROMEDRIVER))
                .as("Debian's chromium-driver package")
                .exists();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread up = Thread.ofPlatform()
                .name("sluice-up-browser-test")
                .start(() -> exit.set(SluiceCli.run(
                        new StdStreams(
                                new ByteArrayInputStream(new byte[0]),
                                stdout,
                                new PrintStream(new ByteArrayOutputStream(), true, UTF_8)),
                        "up",
                        "--port",
                        "0",
                        "--dynamodb-port",
                        "0",
                        "--pg-port",
                        "0",
                        "--console-port",
                        "0",
                        "--extract-every",
                        "2",
                        "--data-dir",
                        dataDir.toString())));
        WebDriver browser = null;
        try {
            String console = await(CONSOLE);
            URI endpoint = URI.create(await(ENDPOINT));
            int pgPort = Integer.parseInt(await(POSTGRES));
            browser = chromium();
            WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(250));
            browser.get(console);

            // The first extract (the seed) reaches the warehouse: a loaded batch and a sales total on the page.
            wait.until(b -> !text(b, "#loaded tbody").isBlank()
                    && !text(b, "#loaded tbody").contains("none yet"));
            wait.until(b -> text(b, "#sales-units-total").matches("\\d+"));
            assertThat(browser.findElements(By.cssSelector("#sales-by-month canvas")))
                    .as("uPlot drew the sales time series")
                    .isNotEmpty();
            String unitsBefore = text(browser, "#sales-units-total");
            String newestLoadedBefore = text(browser, "#loaded tbody tr:first-child td:first-child");
            assertThat(newestLoadedBefore).matches(BATCH_ID);

            // A person uploads a CSV: the page lists its invocation.
            try (S3Client s3 = LocalClients.s3(endpoint)) {
                s3.putObject(
                        b -> b.bucket("sluice-source").key("browser/prices.csv"),
                        RequestBody.fromString("item,price\napple,5.5\npear,1.2\n"));
            }
            wait.until(b -> text(b, "#invocations").contains("sluice-source/browser/prices.csv"));
            assertThat(text(browser, "#functions tbody tr:first-child"))
                    .as("the filter's row counts the file")
                    .startsWith("filter\t1\t");

            // The source churns: a new batch is extracted, transformed and loaded, and the chart's numbers move.
            try (Connection totesys = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + pgPort + "/totesys", "sluice", "sluice")) {
                TotesysChurn.apply(totesys, 60, 7L, Clock.systemUTC());
            }
            wait.until(b -> {
                String newest = text(b, "#loaded tbody tr:first-child td:first-child");
                return newest.matches(BATCH_ID) && !newest.equals(newestLoadedBefore);
            });
            wait.until(b -> !text(b, "#sales-units-total").equals(unitsBefore));
            wait.until(b -> text(b, "#freshness").contains("ok"));
            assertThat(text(browser, "#batches")).contains("extract", "transform");
            assertThat(text(browser, "#watermarks")).contains("sales_order");

            byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
            Path target = Path.of("target", "console-browser.png");
            Files.createDirectories(target.getParent());
            Files.write(target.resolveSibling("console-browser.png.tmp"), png);
            Files.move(target.resolveSibling("console-browser.png.tmp"), target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            if (browser != null) {
                browser.quit();
            }
            up.interrupt(); // what Ctrl-C's shutdown hook does, minus the JVM exit
            up.join(60_000);
        }
        assertThat(up.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    private WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,2600",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** The element's visible text, read in one script call: the page redraws its tables every poll. */
    private static String text(WebDriver browser, String css) {
        Object text = ((JavascriptExecutor) browser)
                .executeScript("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css);
        return String.valueOf(text);
    }

    private String await(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(stdout.toString(UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + pattern + "' in the banner within " + WAIT + ":\n" + stdout.toString(UTF_8));
    }
}
