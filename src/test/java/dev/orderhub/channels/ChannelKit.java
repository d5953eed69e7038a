package dev.orderhub.channels;

import static dev.orderhub.support.HubOrders.enc;
import static dev.orderhub.support.HubOrders.json;
import static dev.orderhub.support.JmsMessages.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTestContext;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the channel tests share: fixtures from {@code src/test/resources/channels/}, the REST calls an operator makes
 * to see what a channel did (orders, history, process exceptions), dropping files the way a partner does, and a
 * plain JMS client on the dead-letter queue. Everything a test makes carries a fresh id, because every test class
 * shares one hub.
 */
final class ChannelKit {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String OPERATOR = HubTestContext.OPERATOR_KEY;
    static final String INGEST = HubTestContext.INGEST_KEY;
    static final String ADMIN = HubTestContext.ADMIN_KEY;
    static final String DLQ = "DLQ.orderhub";
    /** The dead-letter headers README names (Process exceptions, dead letters and replay). */
    static final List<String> DEAD_LETTER_HEADERS = List.of(
            "orderhubPeNumber",
            "orderhubErrorClass",
            "orderhubErrorMessage",
            "orderhubRouteId",
            "orderhubAttempts",
            "orderhubFirstFailure");
    /** Files are polled every second under a read lock that needs two unchanged polls: allow for a slow machine. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private ChannelKit() {}

    // ---- fixtures and ids --------------------------------------------------------------------------------------

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A fixture with its {@code {{NAME}}} placeholders filled in; every placeholder must be given. */
    static String fixture(String name, Map<String, String> values) {
        String text;
        try (InputStream in = ChannelKit.class.getResourceAsStream("/channels/" + name)) {
            assertThat(in).as("fixture channels/%s", name).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        assertThat(text).as("fixture %s with every placeholder filled", name).doesNotContain("{{");
        return text;
    }

    // ---- files -------------------------------------------------------------------------------------------------

    /** The demo partner's inbound folder, {@code <orderhub.data-dir>/inbox/demo}. */
    static Path demoInbox(Environment environment) {
        return Path.of(environment.getRequiredProperty("orderhub.data-dir"))
                .resolve("inbox")
                .resolve("demo");
    }

    /**
     * Puts a file into a folder the way a careful partner does: written under a name the route ignores, then
     * renamed, so that the route never sees half a file.
     */
    static Path drop(Path folder, String name, String content) {
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve(name + ".part");
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            return Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the route has moved the file out of the folder into {@code <folder>/<subfolder>/}. */
    static void awaitMoved(Path folder, String name, String subfolder) {
        await("file " + name + " moved to " + subfolder)
                .atMost(WAIT)
                .until(() -> !Files.exists(folder.resolve(name))
                        && Files.exists(folder.resolve(subfolder).resolve(name)));
    }

    // ---- REST --------------------------------------------------------------------------------------------------

    /** Waits for the order of (channel, externalOrderId) and returns its id. */
    static String awaitOrder(HubClient hub, String channel, String externalOrderId) {
        return HubOrders.awaitOrder(hub, channel, externalOrderId, WAIT);
    }

    static JsonNode history(HubClient hub, String id) {
        return json(hub.get("/api/orders/" + id + "/history", OPERATOR), 200).path("items");
    }

    /** The detail of the order's CREATED history entry, which records where the order came from. */
    static String createdDetail(HubClient hub, String id) {
        for (JsonNode entry : history(hub, id)) {
            if ("CREATED".equals(entry.path("action").asString())) {
                return entry.path("detail").asString();
            }
        }
        throw new AssertionError("order " + id + " has no CREATED history entry: " + history(hub, id));
    }

    static JsonNode exception(HubClient hub, String number) {
        return json(hub.get("/api/process-exceptions/" + number, OPERATOR), 200);
    }

    /** Every process exception (list items, no original) created since an instant, page after page. */
    static List<JsonNode> exceptionsSince(HubClient hub, Instant since) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            JsonNode body = json(
                    hub.get("/api/process-exceptions?from=" + enc(since) + "&size=200&page=" + page, OPERATOR), 200);
            body.path("items").forEach(all::add);
            if (all.size() >= body.path("total").asLong() || body.path("items").isEmpty()) {
                break;
            }
        }
        return all;
    }

    /** The process exceptions since an instant whose source position contains a text (a file name, an offset). */
    static List<JsonNode> exceptionsAt(HubClient hub, Instant since, String positionPart) {
        return exceptionsSince(hub, since).stream()
                .filter(pe -> pe.path("source").path("position").asString("").contains(positionPart))
                .toList();
    }

    static List<String> historyActions(JsonNode exception) {
        List<String> actions = new ArrayList<>();
        exception.path("history").forEach(h -> actions.add(h.path("action").asString()));
        return actions;
    }

    // ---- JMS dead-letter queue ---------------------------------------------------------------------------------

    /**
     * A JMS client over TCP to the hub's embedded broker, as an operator's tool outside the hub would be; logged in as
     * the hub's own user, since it also takes dead letters off the queue, which the operator role may not.
     */
    static final class Jms implements AutoCloseable {
        private final ActiveMQConnectionFactory factory;
        private final Connection connection;
        private final Session session;

        Jms(Environment environment) {
            try {
                factory = HubTestContext.BROKER_HUB.connectionFactory(environment);
                connection = factory.createConnection();
                connection.start();
                session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            } catch (JMSException e) {
                throw new IllegalStateException("cannot connect to the hub's broker", e);
            }
        }

        /** The messages on a queue that match a selector, left where they are. */
        List<Message> browse(String queue, String selector) {
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), selector)) {
                List<Message> found = new ArrayList<>();
                for (Object m : Collections.list(browser.getEnumeration())) {
                    found.add((Message) m);
                }
                return found;
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Takes the messages matching a selector off a queue (cleans the shared dead-letter queue up). */
        List<Message> drain(String queue, String selector) {
            List<Message> taken = new ArrayList<>();
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
                for (Message m = consumer.receive(1000); m != null; m = consumer.receive(300)) {
                    taken.add(m);
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
            return taken;
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (JMSException ignored) {
                // the test is over either way
            } finally {
                factory.close();
            }
        }
    }

    static String deadLetterSelector(String peNumber) {
        return "orderhubPeNumber = '" + peNumber + "'";
    }
}
