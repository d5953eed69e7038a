package dev.orderhub.bench;

import dev.orderhub.support.HubTestContext.BrokerUser;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a phase's orders into the hub the way outside systems do: a JMS client over TCP, a Kafka producer, REST
 * clients on a few threads, and CSV files dropped into the demo partner's inbox. Each order is registered with the
 * tracker just before it leaves, which stamps its ingest time. A rate above 0 paces the sending.
 */
final class Drivers implements AutoCloseable {
    static final String JMS_QUEUE = "orderhub.orders.in";
    static final String KAFKA_TOPIC = "orderhub.orders.in";

    private final String runId;
    private final EventTracker tracker;
    private final ActiveMQConnectionFactory jmsFactory;
    private final Connection jms;
    /** The hub's own broker user: only it may send to an address no role names, such as the bare pipe's queue. */
    private final ActiveMQConnectionFactory hubFactory;

    private final KafkaProducer<String, byte[]> kafka;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI ordersUri;
    private final String apiKey;
    private final int restThreads;
    private final Path inbox;
    private final Path staging;
    private final int csvRowsPerFile;

    Drivers(
            String runId,
            EventTracker tracker,
            String brokerUrl,
            BrokerUser producer,
            BrokerUser hub,
            String kafkaServers,
            int httpPort,
            String apiKey,
            int restThreads,
            Path inbox,
            Path staging,
            int csvRowsPerFile)
            throws JMSException, IOException {
        this.runId = runId;
        this.tracker = tracker;
        // persistent sends without waiting for each one's journal sync: the send time is the client's, not the broker's
        jmsFactory = producer.connectionFactory(brokerUrl + "?blockOnDurableSend=false&confirmationWindowSize=1048576");
        jms = jmsFactory.createConnection();
        hubFactory = hub.connectionFactory(brokerUrl + "?blockOnDurableSend=false&confirmationWindowSize=1048576");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        kafka = new KafkaProducer<>(props);
        this.ordersUri = URI.create("http://127.0.0.1:" + httpPort + "/api/orders");
        this.apiKey = apiKey;
        this.restThreads = restThreads;
        this.inbox = Files.createDirectories(inbox);
        this.staging = Files.createDirectories(staging);
        this.csvRowsPerFile = csvRowsPerFile;
    }

    static String canonicalChannel(String channel) {
        return "bench-" + channel;
    }

    /** The canonical bodies of a phase (also what the references are given). */
    List<byte[]> bodies(Phase phase) {
        List<byte[]> bodies = new ArrayList<>(phase.orders);
        for (int i = 0; i < phase.orders; i++) {
            bodies.add(
                    BenchOrders.canonical(canonicalChannel(phase.channel), phase.externalId(runId, i), i, phase.lines)
                            .getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    /** Sends every order of the phase; returns once all have left (not once they are processed). */
    void send(Phase phase) throws Exception {
        switch (phase.channel) {
            case "jms" ->
                jms(
                        jms,
                        JMS_QUEUE,
                        phase.orders,
                        i -> BenchOrders.canonical(
                                canonicalChannel(phase.channel), phase.externalId(runId, i), i, phase.lines),
                        phase);
            case "kafka" -> kafka(phase);
            case "rest" -> rest(phase);
            case "csv" -> csv(phase);
            default -> throw new IllegalArgumentException("unknown channel " + phase.channel);
        }
    }

    /** Sends bodies to a queue of the hub's own as the hub's broker user (the bare pipe). */
    void asHub(String queue, List<byte[]> bodies) throws JMSException {
        try (Connection connection = hubFactory.createConnection()) {
            jms(connection, queue, bodies.size(), i -> new String(bodies.get(i), StandardCharsets.UTF_8), null);
        }
    }

    /**
     * Sends {@code count} bodies to a queue; with a phase, each is registered with the tracker first. A paced phase
     * sends on schedule and skips an order whose time came while the hub was more than its {@code maxBacklog}
     * orders behind (the hub is not holding the rate; skipping keeps the backlog, and the run, bounded).
     */
    private void jms(Connection connection, String queue, int count, IntFunction<String> body, Phase phase)
            throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = pace(start, i, phase == null ? 0 : phase.rate);
                if (phase != null && phase.maxBacklog > 0 && phase.backlog() > phase.maxBacklog) {
                    phase.skipped();
                    continue;
                }
                var message = session.createTextMessage(body.apply(i));
                if (phase != null) {
                    tracker.expect(
                            phase, canonicalChannel(phase.channel), phase.externalId(runId, i), due, System.nanoTime());
                }
                producer.send(message);
            }
            if (phase != null && phase.rate > 0) {
                phase.sendingEnded(start, System.nanoTime());
            }
        }
    }

    private void kafka(Phase phase) throws Exception {
        List<byte[]> bodies = bodies(phase);
        List<Future<?>> acks = new ArrayList<>(bodies.size());
        long start = System.nanoTime();
        for (int i = 0; i < bodies.size(); i++) {
            long due = pace(start, i, phase.rate);
            String key = phase.externalId(runId, i);
            tracker.expect(phase, canonicalChannel(phase.channel), key, due, System.nanoTime());
            acks.add(kafka.send(new ProducerRecord<>(KAFKA_TOPIC, key, bodies.get(i))));
        }
        for (Future<?> ack : acks) {
            ack.get();
        }
    }

    private void rest(Phase phase) throws Exception {
        List<byte[]> bodies = bodies(phase);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(restThreads);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < restThreads; t++) {
                clients.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        long due = pace(start, i, phase.rate);
                        HttpRequest post = HttpRequest.newBuilder(ordersUri)
                                .header("Content-Type", "application/json")
                                .header("X-Api-Key", apiKey)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                                .build();
                        long sent = System.nanoTime();
                        tracker.expect(
                                phase,
                                canonicalChannel(phase.channel),
                                phase.externalId(runId, i),
                                phase.rate > 0 ? due : sent,
                                sent);
                        HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
                        phase.answered((System.nanoTime() - sent) / 1000);
                        if (answer.statusCode() != 202) {
                            throw new IllegalStateException(
                                    "POST /api/orders answered " + answer.statusCode() + ": " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** CSV files of whole orders (at most csvRowsPerFile rows, at least one order), moved into the inbox at once. */
    private void csv(Phase phase) throws IOException {
        int perFile = Math.max(1, Math.min(phase.orders, csvRowsPerFile / phase.lines));
        long start = System.nanoTime();
        for (int first = 0, file = 0; first < phase.orders; first += perFile, file++) {
            long due = pace(start, first, phase.rate);
            List<String> poNumbers = new ArrayList<>();
            for (int i = first; i < Math.min(phase.orders, first + perFile); i++) {
                poNumbers.add(phase.externalId(runId, i));
            }
            String name = runId + "-" + phase.label + "-" + String.format("%05d", file) + ".csv";
            Path staged = Files.writeString(staging.resolve(name), BenchOrders.csvFile(poNumbers, first, phase.lines));
            long sent = System.nanoTime();
            for (String po : poNumbers) {
                tracker.expect(phase, "demo", po, phase.rate > 0 ? due : sent, sent);
            }
            Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Waits for the i-th send of a paced phase; returns when it was due (its scheduled time, where its latency
     * counts from even when it leaves late), or now when the phase is not paced.
     */
    private static long pace(long start, int i, double rate) {
        if (rate <= 0) {
            return System.nanoTime();
        }
        long due = start + (long) (i * 1e9 / rate);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        return due;
    }

    @Override
    public void close() throws JMSException {
        kafka.close();
        jms.close();
        jmsFactory.close();
        hubFactory.close();
    }
}
