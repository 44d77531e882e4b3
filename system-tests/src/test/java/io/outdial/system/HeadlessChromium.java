package io.outdial.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through its chromium-driver (packages {@code chromium} and
 * {@code chromium-driver}). Missing either skips the test, except under {@code CI=true}, where it fails.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** Both binaries, or the test skipped (failed under CI): check before starting anything costly. */
    static void requireInstalled() {
        binary("chromium", "chromium");
        binary("chromedriver", "chromium-driver");
    }

    /** A browser whose downloads land in {@code downloads}; tall enough that a screenshot shows a whole page. */
    static ChromeDriver start(Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary("chromium", "chromium"));
        // Tests run as root in containers: no sandbox, and /dev/shm is often tiny.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,2400",
                "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(binary("chromedriver", "chromium-driver"))).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        // Headless Chromium may ignore the download preference; this makes downloads land there too.
        browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
        return browser;
    }

    /** Saves what the browser shows as {@code directory/name.png}. */
    static Path screenshot(ChromeDriver browser, Path directory, String name) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(name + ".png");
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String binary(String name, String debianPackage) {
        Optional<String> found = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).map(Path::toString).findFirst();
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(name + " is not installed (Debian package " + debianPackage + "); the dashboard test needs it under CI=true");
            }
            Assumptions.abort(name + " is not installed (Debian package " + debianPackage + "): dashboard test skipped");
        }
        return found.get();
    }
}
