package dev.orderhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Points a test hub at the shared PostgreSQL, a fresh data folder and a free broker port, so that test contexts
 * never collide with each other or with a hub running on this machine; gives it API keys and a broker user of
 * each role, whose fixed secrets the tests use.
 */
public class HubTestContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String INGEST_KEY = "test-ingest-key";
    public static final String OPERATOR_KEY = "test-operator-key";
    public static final String ADMIN_KEY = "test-admin-key";
    /** An ingest key limited to channel b2b-portal and not trusted with PREPAID. */
    public static final String PORTAL_KEY = "test-portal-key";
    /** A key of role erp only: shipment confirmations on POST /api/erp/confirmations. */
    public static final String ERP_KEY = "test-erp-key";

    public static final String SHOPIFY_SECRET = "test-shopify-secret";
    public static final String MAX_FILE_SIZE = "4MB";
    /** The hub's own broker user: everything, management included. For tests that inspect or clean up queues. */
    public static final BrokerUser BROKER_HUB = new BrokerUser("test-hub", "test-hub-password");

    public static final BrokerUser BROKER_PRODUCER = new BrokerUser("test-producer", "test-producer-password");
    public static final BrokerUser BROKER_SUBSCRIBER = new BrokerUser("test-subscriber", "test-subscriber-password");
    public static final BrokerUser BROKER_ERP = new BrokerUser("test-erp", "test-erp-password");
    public static final BrokerUser BROKER_OPERATOR = new BrokerUser("test-operator", "test-operator-password");

    /** A user the test hub's broker knows. */
    public record BrokerUser(String name, String password) {
        /** A client of the hub's broker over TCP, logged in as this user. */
        public ActiveMQConnectionFactory connectionFactory(Environment environment) {
            return connectionFactory("tcp://127.0.0.1:" + environment.getRequiredProperty("orderhub.broker.port"));
        }

        public ActiveMQConnectionFactory connectionFactory(String brokerUrl) {
            return new ActiveMQConnectionFactory(brokerUrl, name, password);
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        // the shared context's tests count attempts and retries themselves: no automatic retry within a
                        // run
                        "orderhub.exceptions.auto-retry.first-delay-ms=3600000",
                        "spring.datasource.url=" + Postgres.jdbcUrl(),
                        "spring.datasource.username=postgres",
                        "spring.datasource.password=",
                        "orderhub.data-dir=" + dataDir(),
                        "orderhub.broker.port=" + freePort(),
                        "orderhub.broker.user=" + BROKER_HUB.name(),
                        "orderhub.broker.password=" + BROKER_HUB.password(),
                        "orderhub.broker.users[0].name=" + BROKER_PRODUCER.name(),
                        "orderhub.broker.users[0].password=" + BROKER_PRODUCER.password(),
                        "orderhub.broker.users[0].role=producer",
                        "orderhub.broker.users[1].name=" + BROKER_SUBSCRIBER.name(),
                        "orderhub.broker.users[1].password=" + BROKER_SUBSCRIBER.password(),
                        "orderhub.broker.users[1].role=subscriber",
                        "orderhub.broker.users[2].name=" + BROKER_ERP.name(),
                        "orderhub.broker.users[2].password=" + BROKER_ERP.password(),
                        "orderhub.broker.users[2].role=erp",
                        "orderhub.broker.users[3].name=" + BROKER_OPERATOR.name(),
                        "orderhub.broker.users[3].password=" + BROKER_OPERATOR.password(),
                        "orderhub.broker.users[3].role=operator",
                        "orderhub.security.api-keys[0].name=ingest",
                        "orderhub.security.api-keys[0].key=" + INGEST_KEY,
                        "orderhub.security.api-keys[0].roles=INGEST",
                        "orderhub.security.api-keys[0].prepaid=true",
                        "orderhub.security.api-keys[1].name=operator",
                        "orderhub.security.api-keys[1].key=" + OPERATOR_KEY,
                        "orderhub.security.api-keys[1].roles=OPERATOR",
                        "orderhub.security.api-keys[2].name=admin",
                        "orderhub.security.api-keys[2].key=" + ADMIN_KEY,
                        "orderhub.security.api-keys[2].roles=ADMIN",
                        "orderhub.security.api-keys[3].name=portal",
                        "orderhub.security.api-keys[3].key=" + PORTAL_KEY,
                        "orderhub.security.api-keys[3].roles=INGEST",
                        "orderhub.security.api-keys[3].channels=b2b-portal",
                        "orderhub.security.api-keys[4].name=erp",
                        "orderhub.security.api-keys[4].key=" + ERP_KEY,
                        "orderhub.security.api-keys[4].roles=ERP",
                        "orderhub.channels.shopify.secret=" + SHOPIFY_SECRET,
                        // small enough for a test to pass it cheaply, above every other test's files
                        "orderhub.files.max-size=" + MAX_FILE_SIZE,
                        "orderhub.kafka.brokers=" + Kafka.bootstrapServers(),
                        "orderhub.kafka.enabled=true",
                        "orderhub.connectors.dir=" + connectors())
                .applyTo(context);
    }

    /** The project's connector files plus partner {@code sftp-test}, whose files arrive on the test SFTP server. */
    static String connectors() {
        try {
            Path copy = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-connectors")), "c-");
            Path source = Path.of("connectors");
            try (var files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            Files.writeString(copy.resolve("partners").resolve("sftp-test.yaml"), """
                    title: SFTP test partner
                    kind: partner
                    id: sftp-test
                    inbound:
                      type: sftp
                      host: 127.0.0.1
                      port: %d
                      user: %s
                      directory: in
                      privateKeyFile: %s
                      knownHostsFile: %s
                      strictHostKeyChecking: true
                      pollDelayMs: 500
                    outbound:
                      type: sftp
                      host: 127.0.0.1
                      port: %d
                      user: %s
                      directory: out
                      privateKeyFile: %s
                      knownHostsFile: %s
                      strictHostKeyChecking: true
                    formats: [csv, xml, edi]
                    defaults:
                      currency: USD
                      paymentMethod: PURCHASE_ORDER
                      paymentTerms: NET30
                      accountId: DEMOPARTNER
                      accountName: Demo Partner Retail
                      skuQualifiers: [VP, VA, BP, IN, UP]
                      addressBook:
                        "0791":
                          name: Test Store 0791
                          line1: 791 Market St
                          city: San Francisco
                          region: CA
                          postalCode: "94103"
                          country: US
                    x12:
                      ourQualifier: ZZ
                      ourId: ORDERHUB
                      theirQualifier: ZZ
                      theirId: SFTPPARTNER
                      ourGroupId: ORDERHUB
                      theirGroupId: SFTPPARTNER
                      version: "005010"
                      separators:
                        segment: "~"
                        element: "*"
                        component: ":"
                        repetition: "^"
                      lineBreaks: true
                      usage: T
                      inbound: ["850"]
                      outbound: ["997", "855", "856", "810", "180", "812"]
                    """.formatted(
                            Sftp.port(),
                            Sftp.USER,
                            Sftp.privateKey(),
                            Sftp.knownHosts(),
                            Sftp.port(),
                            Sftp.USER,
                            Sftp.privateKey(),
                            Sftp.knownHosts()));
            return copy.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String dataDir() {
        try {
            Path target = Files.createDirectories(Path.of("target", "it-data"));
            return Files.createTempDirectory(target, "hub-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
