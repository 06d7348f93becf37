package dev.atmo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atmo.testing.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page in headless Chromium: its numbers move without a reload as requests arrive, a failed request's
 * error appears, and a screenshot is kept in {@code target/screenshots/meta.png} (and copied to
 * {@code docs/images/admin-page.png} with {@code -Datmo.docs.screenshot=true}). Chromium and its driver come from
 * Debian's {@code chromium} and {@code chromium-driver}, or from {@code ATMO_CHROMIUM} and {@code ATMO_CHROMEDRIVER}.
 */
class AdminPageBrowserTest {
    private static final String FAIL_WITH = "com.suborbital.test#default::fail-with@v0.0.1";
    /** Several refreshes of the page (every 2 s), with room for a slow shared machine. */
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(20);

    @Test
    void countersRiseAndAFailedRequestsErrorAppearsWithoutAReload(@TempDir Path profile, @TempDir Path copy)
            throws Exception {
        Path chromium = binary("ATMO_CHROMIUM", "/usr/bin/chromium");
        Path chromedriver = binary("ATMO_CHROMEDRIVER", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,2400", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        // a copy, so the page (and the screenshot) name the bundle by a path that says nothing of this checkout
        Path bundle = copyOf(RepositoryRoot.resolve("testdata/bundles/example-project"), copy.resolve("example-project"));
        try (AtmoServer server = AtmoServer.start(ServerOptions.builder().bundle(bundle).host("127.0.0.1").port(0)
                .runSchedules(false).build())) {
            ChromeDriver browser = new ChromeDriver(service, options);
            try {
                browser.get("http://127.0.0.1:" + server.port() + "/meta/");
                By helloRequests = By.cssSelector("tr[data-handler='http POST /hello'] td.requests");
                assertThat(browser.findElement(helloRequests).getText()).isEqualTo("0");
                // a reload would drop this: the page must change in place
                ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");

                for (String name : new String[] {"Ada", "Bob", "Cy"}) {
                    TestServers.send(server, "POST", "/hello", name);
                }
                TestServers.send(server, "POST", "/group", "main.md");
                TestServers.send(server, "POST", "/return", "x");
                WebDriverWait wait = new WebDriverWait(browser, REFRESH_WAIT);
                wait.until(ExpectedConditions.textToBe(helloRequests, "3"));

                assertThat(TestServers.send(server, "POST", "/fail", "503 backend down").statusCode()).isEqualTo(503);
                By errors = By.cssSelector("tr[data-runnable='" + FAIL_WITH + "'] ul.errors");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(errors, "error 503: backend down"));
                wait.until(ExpectedConditions.textToBe(
                        By.cssSelector("tr[data-handler='http POST /fail'] td.errors"), "1"));

                assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true;"))
                        .isEqualTo(true);
                save(browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }

    private static Path copyOf(Path source, Path target) throws Exception {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }

    private static Path binary(String variable, String fallback) {
        Path path = Path.of(Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank()).orElse(fallback));
        assertThat(Files.isExecutable(path)).as("%s is not an executable file: install Debian's chromium and "
                + "chromium-driver (apt-get install -y chromium chromium-driver) or set %s", path, variable).isTrue();
        return path;
    }

    private static void save(byte[] png) throws Exception {
        Path screenshot = Path.of("target", "screenshots", "meta.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, png);
        if (Boolean.getBoolean("atmo.docs.screenshot")) {
            Path docs = RepositoryRoot.resolve("docs/images/admin-page.png");
            Files.createDirectories(docs.getParent());
            Files.copy(screenshot, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
