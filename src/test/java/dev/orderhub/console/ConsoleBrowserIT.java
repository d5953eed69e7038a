package dev.orderhub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.exception.ProcessException;
import dev.orderhub.exception.ProcessExceptionFilter;
import dev.orderhub.exception.ProcessExceptions;
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

/**
 * The console in a real browser (headless Chromium from Debian's chromium and chromium-driver, one browser for the
 * class): sign in, find and read an order, work process exceptions, replay a dead letter with an edited body, ask
 * for a report, switch to German, sign out. Each test leaves a screenshot under target/console-screenshots.
 */
@HubTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String DLQ = "DLQ.orderhub";
    private static final String RUN = "consoleRun";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    ProcessExceptions exceptions;

    WebDriver browser;
    WebDriverWait wait;
    HubClient hub;

    @BeforeAll
    void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("CHROMIUM_BIN", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100", "--lang=en");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en"));
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
        assertThat(text("main")).contains("lacks the operator or admin role");

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
        String body = SampleOrders.withExternalId(externalId);
        assertThat(hub.post("/api/orders", HubTestContext.INGEST_KEY, body).statusCode())
                .isEqualTo(202);
        String orderId = HubOrders.awaitOrder(hub, "b2b-portal", externalId, Duration.ofSeconds(30));

        open("/console/orders");
        browser.findElement(By.id("q")).sendKeys(externalId);
        browser.findElement(By.id("search")).click();
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
    void retryAProcessExceptionThenResolveIt(TestInfo test) {
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
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("retry"))).click();
        accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice")));
        assertThat(text("p.notice")).isEqualTo("Retry started.");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(text("#history")).contains("RETRIED");
        });

        browser.findElement(By.cssSelector("form[action$='/resolve'] input[name=note]"))
                .sendKeys("gateway back, charged by phone");
        browser.findElement(By.id("resolve")).click();
        accept();
        wait.until(ExpectedConditions.textToBe(By.id("exception-status"), "Resolved"));
        assertThat(text("#history")).contains("RESOLVED").contains("gateway back, charged by phone");
        screenshot(test);
    }

    @Test
    @Order(4)
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
    @Order(5)
    void reportsAreAskedForWithTheSession(TestInfo test) {
        open("/console/reports");
        WebElement download = browser.findElement(By.id("download-orders"));
        assertThat(download.findElement(By.xpath("./ancestor::form")).getAttribute("action"))
                .endsWith("/api/reports/orders");
        Object status = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "fetch('/api/reports/orders?format=csv').then(r => done(r.status));");
        assertThat(((Number) status).intValue())
                .as("the console session passes security on the report endpoint")
                .isNotIn(401, 403);
        screenshot(test);
    }

    @Test
    @Order(6)
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
    @Order(7)
    void signOutAndBeRefused(TestInfo test) {
        open("/console/orders");
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
        assertThat(text("main")).contains("You are signed out.");
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
