package io.outdial.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.SystemStack;

/**
 * The dashboard ({@code /dashboard/} on campaign-service's public port) in a real headless Chromium
 * against the whole system: it signs in with an API key, follows a campaign's counters live to
 * completion, pauses and cancels a running one from the page, and downloads an export. Every check
 * reads the page's DOM, as a person would see it; screenshots go to
 * {@code target/dashboard-screenshots}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DashboardIT {

    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final Path DOWNLOADS = Path.of("target", "dashboard-downloads");
    private static final Duration COMPLETION = Duration.ofMinutes(3);

    private static SystemStack stack;
    private static CampaignApi api;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireInstalled();
        // Simulated calls of well under a second, answered or not.
        stack = SystemStacks.open(SystemStacks.STANDARD, "dash");
        api = new CampaignApi(stack.campaign.url(), SystemStack.DEV_KEY, SystemStack.ACCOUNT);
        Files.createDirectories(DOWNLOADS);
        browser = HeadlessChromium.start(DOWNLOADS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void keepScreenshot(TestInfo test) {
        if (browser != null) {
            HeadlessChromium.screenshot(browser, SCREENSHOTS, test.getTestMethod().orElseThrow().getName() + "-last");
        }
    }

    @Test
    void countersFollowACampaignLiveToCompletion() throws Exception {
        int contacts = 40;
        String name = "Dashboard run " + System.nanoTime();
        String campaign = api.campaign(name, api.callerIds(), api.contacts("dash" + System.nanoTime(), contacts), 4, 0);

        // The page's files need no key (its API calls carry one) and are not cached as immutable.
        HttpResponse<String> script = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.campaign.url() + "/dashboard/dashboard.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertFalse(script.headers().firstValue("Cache-Control").orElse("").contains("immutable"), script.headers().toString());

        signIn();
        assertEquals(stack.campaign.url() + "/dashboard/", browser.getCurrentUrl().replaceFirst("#.*", ""));
        openFromList(name);
        waitForText("campaign-status", "draft");
        waitForText("total-contacts", String.valueOf(contacts));
        waitForText("live-state", "Live");
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "campaign-before-run");

        api.run(campaign);
        // Only the event stream moves these counters: the page is not reloaded.
        await(COMPLETION).until(d -> text("contacts-completed").equals(String.valueOf(contacts))
                && text("campaign-status").equals("completed"));
        waitForText("calls-in-progress", "0");
        waitForText("live-state", "Finished: no more updates");
        waitForText("max-concurrent-calls", "4");
        var done = api.campaign(campaign);
        assertEquals("completed", done.get("status").asText());
        assertEquals(done.get("contactsCalled").asText(), text("contacts-called"));
        assertEquals(done.get("contactsAnswered").asText(), text("contacts-answered"));

        // The details catch up with the last event: outcomes of all calls, the chart's bars, the statuses.
        await(Duration.ofSeconds(30)).until(d -> sumOfColumn("outcome-rows") == contacts
                && sumOfColumn("status-rows") == contacts);
        assertFalse(browser.findElements(By.cssSelector("#attempts-chart rect.bar")).isEmpty(), "the chart shows bars");
        assertTrue(text("attempts-summary").startsWith(contacts + " attempts"), text("attempts-summary"));
        assertFalse(browser.findElement(By.id("pause")).isEnabled(), "pause is off once completed");
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "campaign-completed");

        // The export needs the key in a header: the page fetches it and hands the file to the browser.
        Path results = DOWNLOADS.resolve("campaign-" + campaign + "-results.csv");
        Files.deleteIfExists(results);
        browser.findElement(By.id("export-results")).click();
        await(Duration.ofSeconds(30)).until(d -> Files.exists(results) && lines(results).size() == contacts + 1);
        assertTrue(lines(results).get(0).startsWith("contactId,name,phone,status,result"), lines(results).get(0));

        browser.findElement(By.id("sign-out")).click();
        assertTrue(browser.findElement(By.id("sign-in-view")).isDisplayed(), "sign-out shows the sign-in form");
        assertNull(browser.executeScript("return sessionStorage.getItem('outdial.apiKey')"), "sign-out forgets the key");
    }

    @Test
    void pausingAndCancellingFromThePageReachTheApi() throws Exception {
        // Enough contacts at a low cap that the campaign is still running when the page pauses it;
        // a no-answer waits an hour for its retry, so the page has waiting contacts to explain.
        String name = "Dashboard pause " + System.nanoTime();
        String campaign = api.campaign(name, api.callerIds(), api.contacts("dashp" + System.nanoTime(), 1500), 2, 1,
                Map.of("retryDelayMinutes", 60));
        api.run(campaign);

        signIn();
        openFromList(name);
        waitForText("campaign-status", "running");
        await(Duration.ofSeconds(60)).until(d -> !text("contacts-called").equals("0") && !text("contacts-called").equals("\u2013"));
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "campaign-running");

        browser.findElement(By.id("pause")).click();
        waitForText("campaign-status", "paused");
        assertEquals("paused", api.campaign(campaign).get("status").asText());
        assertTrue(browser.findElement(By.id("resume")).isEnabled(), "resume is offered once paused");
        // With dialing paused, the breakdowns settle on the page.
        await(Duration.ofSeconds(30)).until(d -> text("calls-in-progress").equals("0")
                && text("wait-rows").contains("Ready to call"));
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "campaign-paused");

        // Cancelling asks first: dismissing the question changes nothing, accepting it cancels.
        browser.findElement(By.id("cancel")).click();
        await(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).dismiss();
        assertEquals("paused", api.campaign(campaign).get("status").asText());
        browser.findElement(By.id("cancel")).click();
        await(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
        waitForText("campaign-status", "cancelled");
        assertEquals("cancelled", api.campaign(campaign).get("status").asText());
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "campaign-cancelled");

        browser.get(stack.campaign.url() + "/dashboard/#/");
        await(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr[data-campaign-id='" + campaign + "']"), "cancelled"));
        HeadlessChromium.screenshot(browser, SCREENSHOTS, "campaign-list");
    }

    /** Opens the dashboard (as typed, without the trailing slash) and enters the key when the page asks for it. */
    private void signIn() {
        browser.get(stack.campaign.url() + "/dashboard");
        await(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("sign-in-view")).isDisplayed()
                || d.findElement(By.id("campaigns-view")).isDisplayed());
        if (browser.findElement(By.id("sign-in-view")).isDisplayed()) {
            HeadlessChromium.screenshot(browser, SCREENSHOTS, "sign-in");
            browser.findElement(By.id("api-key")).sendKeys(SystemStack.DEV_KEY);
            browser.findElement(By.id("sign-in")).click();
        }
        await(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("campaigns-view")));
    }

    private void openFromList(String name) {
        await(Duration.ofSeconds(20)).until(d -> {
            d.findElement(By.linkText(name)).click();
            return true;
        });
        waitForText("campaign-name", name);
    }

    /** A wait that reads again when the page re-rendered what it was reading (the list refreshes itself). */
    private WebDriverWait await(Duration timeout) {
        var wait = new WebDriverWait(browser, timeout, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void waitForText(String id, String expected) {
        await(Duration.ofSeconds(60)).withMessage(() -> "#" + id + " shows '" + text(id) + "', awaited '" + expected + "'")
                .until(d -> text(id).equals(expected));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    /** The sum of a breakdown table's counts (its second column). */
    private long sumOfColumn(String tbodyId) {
        return browser.findElements(By.cssSelector("#" + tbodyId + " td.number")).stream()
                .mapToLong(cell -> Long.parseLong(cell.getText().replace(",", ""))).sum();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
