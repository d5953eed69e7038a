package dev.orderhub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.api.WaitingOrders;
import dev.orderhub.exception.ProcessException;
import dev.orderhub.exception.ProcessExceptionFilter;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.store.Outbox;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTest;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.SampleOrders;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.Exchange;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console in a real browser (headless Chromium from Debian's chromium and chromium-driver, one browser for the
 * class): sign in, find and read an order, cancel one after its preview, work process exceptions (a retry that
 * resolves one once its cause is gone), replay a dead letter with an edited body, download a report (saved under
 * target/console-downloads), switch to German, sign out. Each test leaves a screenshot under
 * target/console-screenshots.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Path DOWNLOADS = Path.of("target", "console-downloads").toAbsolutePath();
    private static final String DLQ = "DLQ.orderhub";
    private static final String RUN = "consoleRun";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    ProcessExceptions exceptions;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    /** The external order id of the order the search test made, which the orders report then lists. */
    String searchedExternalId;

    WebDriver browser;
    WebDriverWait wait;
    HubClient hub;

    @BeforeAll
    void startBrowser() throws IOException {
        Path downloads = Files.createDirectories(DOWNLOADS);
        try (var old = Files.list(downloads)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("CHROMIUM_BIN", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100", "--lang=en");
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "intl.accept_languages",
                        "en",
                        "download.default_directory",
                        downloads.toString(),
                        "download.prompt_for_download",
                        false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        hub = new HubClient(port);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedIn() {
        open("/console");
        if (browser.getCurrentUrl().contains("/console/sign-in")) {
            browser.findElement(By.name("apiKey")).sendKeys(HubTestContext.OPERATOR_KEY);
            browser.findElement(By.id("sign-in")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
        }
    }

    @Test
    @Order(1)
    void signInShowsTheDashboardWithCharts(TestInfo test) {
        browser.manage().deleteAllCookies();
        open("/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        browser.findElement(By.name("apiKey")).sendKeys(HubTestContext.INGEST_KEY);
        browser.findElement(By.id("sign-in")).click();
        // the answer is a new page: wait for it rather than read the one the click leaves
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.tagName("main"), "lacks the operator or admin role"));

        browser.findElement(By.name("apiKey")).sendKeys(HubTestContext.OPERATOR_KEY);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
        assertThat(browser.getCurrentUrl()).matches(".*/console(\\?continue)?");
        assertThat(text("h1")).isEqualTo("Dashboard");
        assertThat(browser.findElement(By.id("sign-out")).getText()).isEqualTo("Sign out");
        screenshot(test);
    }

    @Test
    @Order(2)
    void searchAnOrderOpenItAndReadItsTimeline(TestInfo test) {
        String externalId = "CONSOLE-" + UUID.randomUUID();
        searchedExternalId = externalId;
        String body = SampleOrders.withExternalId(externalId);
        assertThat(hub.post("/api/orders", HubTestContext.INGEST_KEY, body).statusCode())
                .isEqualTo(202);
        String orderId = HubOrders.awaitOrder(hub, "b2b-portal", externalId, Duration.ofSeconds(30));

        open("/console/orders");
        browser.findElement(By.id("q")).sendKeys(externalId);
        WebElement search = browser.findElement(By.id("search"));
        search.click();
        // the unfiltered list may show the new order too: read the link from the page the search answered
        wait.until(ExpectedConditions.stalenessOf(search));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(orderId)))
                .click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Order " + orderId));
        assertThat(text("#summary")).contains(externalId).contains("riley@acme.example");
        assertThat(text("#lines")).contains("DRILL-18V");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(text("#timeline"))
                    .contains("CREATED")
                    .contains("orderhub.order.created")
                    .contains("ACCEPTED");
        });
        screenshot(test);
    }

    @Test
    @Order(3)
    void cancelAnOrderAfterSeeingWhatTheCancelWouldChange(TestInfo test) {
        String orderId = WaitingOrders.submit(hub);
        open("/console/orders/" + orderId);
        browser.findElement(By.cssSelector("form[action$='/cancel/preview'] input[name=reason]"))
                .sendKeys("buyer changed their mind");
        browser.findElement(By.id("cancel")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cancel-preview")));
        assertThat(text("#cancel-preview"))
                .contains("What the cancel would change")
                .contains("0 → 4");
        assertThat(text("#preview-released")).isEqualTo("$0.00");
        assertThat(text("#order-status")).as("nothing changed yet").isEqualTo("Waiting for approval");
        screenshot(test);
        browser.findElement(By.id("confirm-cancel")).click();
        accept();
        wait.until(ExpectedConditions.textToBe(By.id("order-status"), "Cancelled"));
        assertThat(text("p.notice")).isEqualTo("The order is cancelled as far as it could be.");
        assertThat(text("#timeline")).contains("buyer changed their mind");
    }

    @Test
    @Order(4)
    void aRetryThatFailsAgainThenResolveByHand(TestInfo test) {
        String externalId = "CONSOLE-PAY-" + UUID.randomUUID();
        String body = SampleOrders.withExternalId(externalId)
                .replace("\"quantity\": 4", "\"quantity\": 1")
                .replace("\"tok_visa\"", "\"tok_timeout_always\"");
        assertThat(hub.post("/api/orders", HubTestContext.INGEST_KEY, body).statusCode())
                .isEqualTo(202);
        String orderId = HubOrders.awaitOrder(hub, "b2b-portal", externalId, Duration.ofSeconds(30));
        ProcessException held = await().atMost(Duration.ofSeconds(60))
                .until(() -> exceptionsOfOrder(orderId), found -> !found.isEmpty())
                .get(0);

        open("/console/process-exceptions?status=NEW&category=PAYMENT");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(held.number())))
                .click();
        retryUntil(() -> assertThat(text("#history")).contains("RETRIED"));

        browser.findElement(By.cssSelector("form[action$='/resolve'] input[name=note]"))
                .sendKeys("gateway back, charged by phone");
        browser.findElement(By.id("resolve")).click();
        accept();
        wait.until(ExpectedConditions.textToBe(By.id("exception-status"), "Resolved"));
        assertThat(text("#history")).contains("RESOLVED").contains("gateway back, charged by phone");
        screenshot(test);
    }

    @Test
    @Order(5)
    void retryAProcessExceptionOnceItsCauseIsGoneAndSeeItResolved(TestInfo test) throws IOException {
        // a partner's outbound folder that is a file: its documents are refused until the folder is back
        Path folder = Path.of(environment.getRequiredProperty("orderhub.data-dir"))
                .resolve("outbox")
                .resolve("demo");
        Path saved = folder.resolveSibling("demo.saved-" + UUID.randomUUID());
        String subject = "CONSOLE-EDI-" + UUID.randomUUID();
        String fileName = "855-console-" + UUID.randomUUID() + ".edi";
        Files.createDirectories(folder);
        Files.move(folder, saved);
        Files.writeString(folder, "not a folder");
        String number;
        try {
            transaction.executeWithoutResult(tx -> outbox.append(
                    Outbox.Destination.PARTNER_EDI,
                    "x12-855",
                    subject,
                    "ISA*00*refused until the folder is back~",
                    Map.of(Exchange.FILE_NAME, fileName, "orderhubPartner", "demo")));
            number = await().atMost(Duration.ofSeconds(90))
                    .until(
                            () -> exceptions
                                    .list(new ProcessExceptionFilter(null, null, null, null, null, null), 0, 50)
                                    .items()
                                    .stream()
                                    .filter(pe -> fileName.equals(pe.externalReference()))
                                    .map(ProcessException::number)
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
        } finally {
            Files.delete(folder);
            Files.move(saved, folder);
        }

        open("/console/process-exceptions/" + number);
        assertThat(text("#exception-status")).isEqualTo("New");
        retryUntil(() -> assertThat(text("#exception-status")).isEqualTo("Resolved"));
        assertThat(text("#history")).contains("RETRIED").contains("RESOLVED");
        assertThat(Files.readString(folder.resolve(fileName))).isEqualTo("ISA*00*refused until the folder is back~");
        screenshot(test);
    }

    @Test
    @Order(6)
    void replayADeadLetterWithAnEditedBody(TestInfo test) throws JMSException {
        String run = UUID.randomUUID().toString();
        String externalId = "CONSOLE-DL-" + UUID.randomUUID();
        String fixed = SampleOrders.withExternalId(externalId).replace("\"quantity\": 4", "\"quantity\": 1");
        String broken = fixed.replace("\"quantity\": 1", "\"quantity\": 0");
        Instant since = Instant.now();
        try {
            send(broken, run);
            ProcessException dead = await().atMost(Duration.ofSeconds(30))
                    .until(() -> exceptionOfRun(run, since), Optional::isPresent)
                    .orElseThrow();

            open("/console/process-exceptions/" + dead.number());
            assertThat(text("#original")).contains("\"quantity\" : 0");
            WebElement textarea = browser.findElement(By.id("correctedBody"));
            ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", textarea, fixed);
            browser.findElement(By.id("replay")).click();
            accept();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                browser.navigate().refresh();
                assertThat(text("#exception-status")).isEqualTo("Resolved");
            });
            assertThat(text("#history")).contains("CORRECTED").contains("RESOLVED");
            assertThat(HubOrders.orderId(hub, "b2b-portal", externalId)).isPresent();
            screenshot(test);
        } finally {
            drainDeadLetters(run);
        }
    }

    @Test
    @Order(7)
    void downloadAReport(TestInfo test) throws IOException {
        open("/console/reports");
        WebElement download = browser.findElement(By.id("download-orders"));
        assertThat(download.findElement(By.xpath("./ancestor::form")).getAttribute("action"))
                .endsWith("/api/reports/orders");
        download.click();
        Path csv = DOWNLOADS.resolve("orders.csv");
        await("the browser saved the report")
                .atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(csv) && !Files.exists(DOWNLOADS.resolve("orders.csv.crdownload")));
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(rows.get(0)).startsWith("id,external_order_id,channel,account_id,status");
        assertThat(rows)
                .as("the order the search test made")
                .anySatisfy(row -> assertThat(row).contains(searchedExternalId));
        screenshot(test);
    }

    @Test
    @Order(8)
    void switchToGerman(TestInfo test) {
        open("/console/process-exceptions");
        browser.findElement(By.linkText("Deutsch")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Prozessausnahmen"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        assertThat(browser.findElement(By.id("sign-out")).getText()).isEqualTo("Abmelden");
        open("/console/orders");
        assertThat(text("h1")).as("remembered").isEqualTo("Aufträge");
        assertThat(text("p.counts")).as("statuses named in German").contains("Alle Status");
        screenshot(test);
        browser.findElement(By.linkText("English")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Orders"));
    }

    @Test
    @Order(9)
    void signOutAndBeRefused(TestInfo test) {
        open("/console/orders");
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "You are signed out."));
        assertThat(browser.getCurrentUrl()).contains("/console/sign-in");
        open("/console/orders");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        screenshot(test);
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /** Retries the exception whose page is open, confirms, and reloads the page until {@code outcome} holds. */
    private void retryUntil(ThrowingRunnable outcome) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("retry"))).click();
        accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice")));
        assertThat(text("p.notice")).isEqualTo("Retry started.");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            browser.navigate().refresh();
            outcome.run();
        });
    }

    /** Accepts the page's confirmation question. */
    private void accept() {
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    private void screenshot(TestInfo test) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(
                    shot.toPath(),
                    SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ProcessException> exceptionsOfOrder(String orderId) {
        return exceptions
                .list(new ProcessExceptionFilter(null, null, null, orderId, null, null), 0, 10)
                .items();
    }

    private Optional<ProcessException> exceptionOfRun(String run, Instant since) {
        return exceptions.list(new ProcessExceptionFilter(null, null, null, null, since, null), 0, 100).items().stream()
                .map(pe -> exceptions.get(pe.number()))
                .filter(pe -> pe.original() != null
                        && pe.original().headers() != null
                        && run.equals(pe.original().headers().get(RUN)))
                .findFirst();
    }

    private void send(String body, String run) throws JMSException {
        try (ActiveMQConnectionFactory factory = HubTestContext.BROKER_PRODUCER.connectionFactory(environment);
                Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("orderhub.orders.in"))) {
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty(RUN, run);
            producer.send(message);
        }
    }

    /** Leaves the shared dead-letter queue as it was. */
    private void drainDeadLetters(String run) throws JMSException {
        try (ActiveMQConnectionFactory factory = HubTestContext.BROKER_HUB.connectionFactory(environment);
                Connection connection = factory.createConnection()) {
            connection.start();
            try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageConsumer consumer =
                            session.createConsumer(session.createQueue(DLQ), RUN + " = '" + run + "'")) {
                while (consumer.receive(1000) != null) {
                    // taken off
                }
            }
        }
    }

    private static String executable(String variable, String otherwise) {
        String given = System.getenv(variable);
        return given == null || given.isBlank() ? otherwise : given;
    }
}
