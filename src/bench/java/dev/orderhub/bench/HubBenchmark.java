package dev.orderhub.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.orderhub.OrderhubApplication;
import dev.orderhub.support.HubTestContext;
import dev.orderhub.support.HubTestContext.BrokerUser;
import dev.orderhub.support.Kafka;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The orderhub benchmark. Not a test: surefire's default includes never match it; profile {@code bench}
 * runs it alone. It starts PostgreSQL, Kafka and the hub (with its persistent Artemis), stocks the benchmark SKUs,
 * drives orders of 1, 10 and 100 lines through JMS, Kafka, REST and CSV files, measures each phase from the
 * outside (order events on JMS), runs the two references, and writes {@code <build dir>/bench/}. See bench/README.md.
 */
class HubBenchmark {
    private static final String API_KEY = "bench-" + UUID.randomUUID();
    private static final BrokerUser PRODUCER = new BrokerUser("bench-producer", "bench-" + UUID.randomUUID());
    private static final BrokerUser SUBSCRIBER = new BrokerUser("bench-subscriber", "bench-" + UUID.randomUUID());
    private static final BrokerUser HUB = new BrokerUser("bench-hub", "bench-" + UUID.randomUUID());
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** A run of fewer orders than this is a quick one (development): its paced phase is shorter by default. */
    private static final int QUICK_BELOW = 10_000;

    private final int total = Integer.getInteger("bench.orders", 20_000);
    private final String mix = System.getProperty("bench.mix", "10:70,1:20,100:10");
    private final String channels = System.getProperty("bench.channels", "jms:1,kafka:1,rest:1,csv:1");
    private final double warmupShare = Double.parseDouble(System.getProperty("bench.warmup", "0.1"));
    private final double pacedRate = Double.parseDouble(System.getProperty("bench.pacedRate", "500"));
    private final int pacedSeconds = Integer.getInteger("bench.pacedSeconds", total < QUICK_BELOW ? 10 : 60);
    private final double pacedMaxLag = Double.parseDouble(System.getProperty("bench.pacedMaxLagSeconds", "1"));
    private final int barePipeRuns = Integer.getInteger("bench.barePipeRuns", 2);
    private final int seedOrders = Integer.getInteger("bench.seedOrders", 0);
    private final int restThreads = Integer.getInteger("bench.restThreads", 4);
    private final int csvRowsPerFile = Integer.getInteger("bench.csvRowsPerFile", 1000);
    private final int dbBatch = Integer.getInteger("bench.dbBatch", 100);
    private final int idleTimeoutSeconds = Integer.getInteger("bench.idleTimeoutSeconds", 60);
    private final int budgetSeconds = Integer.getInteger("bench.budgetSeconds", 480);
    private final boolean jfr = Boolean.getBoolean("bench.jfr");
    private final Path out =
            Path.of(System.getProperty("orderhub.build.dir", "target"), "bench").toAbsolutePath();
    private final String runId =
            "B" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase();
    private final long origin = System.nanoTime();
    private final List<Phase> phases = new ArrayList<>();
    private Plan plan;

    private DbProbe db;
    private EventTracker tracker;
    private Drivers drivers;

    @Test
    void run() throws Exception {
        FileSystemUtils.deleteRecursively(out.resolve("data"));
        Files.createDirectories(out);
        Map<String, Object> settings = plan();
        System.out.println("orderhub benchmark " + runId + ": " + settings);
        // a seeded database is kept and reused by the next run that asks for as many orders
        db = seedOrders > 0
                ? new DbProbe(
                        Path.of(System.getProperty(
                                "bench.seedDir",
                                out.resolve("pgdata-seed-" + seedOrders).toString())),
                        true)
                : new DbProbe(out.resolve("pgdata"), false);
        String kafka = Kafka.bootstrapServers();
        int brokerPort = HubTestContext.freePort();
        int httpPort = HubTestContext.freePort();
        Path data = out.resolve("data");
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--orderhub.data-dir=" + data,
                "--orderhub.broker.port=" + brokerPort,
                "--server.port=" + httpPort,
                "--orderhub.security.api-keys[0].name=bench",
                "--orderhub.security.api-keys[0].key=" + API_KEY,
                "--orderhub.security.api-keys[0].roles=ADMIN",
                "--orderhub.kafka.brokers=" + kafka,
                "--orderhub.files.enabled=true",
                "--orderhub.broker.user=" + HUB.name(),
                "--orderhub.broker.password=" + HUB.password(),
                "--orderhub.broker.users[0].name=" + PRODUCER.name(),
                "--orderhub.broker.users[0].password=" + PRODUCER.password(),
                "--orderhub.broker.users[0].role=producer",
                "--orderhub.broker.users[1].name=" + SUBSCRIBER.name(),
                "--orderhub.broker.users[1].password=" + SUBSCRIBER.password(),
                "--orderhub.broker.users[1].role=subscriber"));
        System.getProperties().stringPropertyNames().stream()
                .filter(n -> n.startsWith("bench.hub."))
                .forEach(n -> args.add("--" + n.substring("bench.hub.".length()) + "=" + System.getProperty(n)));
        long started = System.nanoTime();
        try (ConfigurableApplicationContext hub =
                new SpringApplicationBuilder(OrderhubApplication.class).run(args.toArray(String[]::new))) {
            System.out.printf("hub started in %.1f s%n", (System.nanoTime() - started) / 1e9);
            String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
            EventTracker.copyExports(hub.getBean(EmbeddedActiveMQ.class).getActiveMQServer());
            tracker = new EventTracker(brokerUrl, SUBSCRIBER, HUB);
            drivers = new Drivers(
                    runId,
                    tracker,
                    brokerUrl,
                    PRODUCER,
                    HUB,
                    kafka,
                    httpPort,
                    API_KEY,
                    restThreads,
                    data.resolve("inbox").resolve("demo"),
                    data.resolve("staging"),
                    csvRowsPerFile);
            stock(data);
            for (String property : List.of(
                    "orderhub.pipeline.workers",
                    "orderhub.jms.consumers",
                    "spring.datasource.hikari.maximum-pool-size",
                    "orderhub.events.relay-period-ms")) {
                settings.put(property, hub.getEnvironment().getProperty(property));
            }
            settings.put("postgres", db.settings());
            measure(hub, settings);
        } finally {
            if (drivers != null) {
                drivers.close();
            }
            if (tracker != null) {
                tracker.close();
            }
            db.close();
        }
    }

    private Map<String, Object> plan() {
        plan = new Plan(total, mix, channels, warmupShare, origin);
        phases.addAll(plan.warmups);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("runId", runId);
        settings.put("orders", total);
        settings.put("mix", mix);
        settings.put("channels", channels);
        settings.put("plannedPhases", plan.counts);
        settings.put("pacedRate", pacedRate);
        settings.put("pacedSeconds", pacedSeconds);
        settings.put("pacedMaxLagSeconds", pacedMaxLag);
        settings.put("budgetSeconds", budgetSeconds);
        settings.put("restThreads", restThreads);
        settings.put("csvRowsPerFile", csvRowsPerFile);
        settings.put("dbBatch", dbBatch);
        settings.put("jfr", jfr);
        return settings;
    }

    /** Puts a huge on-hand of every benchmark SKU at WH-EAST through the inventory inbox, and waits for it. */
    private void stock(Path data) throws Exception {
        int onHand = 1_000_000_000;
        Path staged = Files.writeString(
                Files.createDirectories(data.resolve("staging")).resolve("stock.ndjson"),
                BenchOrders.stock(runId, onHand));
        Path inbox = Files.createDirectories(data.resolve("inbox").resolve("inventory"));
        Files.move(staged, inbox.resolve("stock.ndjson"), StandardCopyOption.ATOMIC_MOVE);
        try (Connection c = DriverManager.getConnection(db.url(), "postgres", "");
                Statement s = c.createStatement()) {
            for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM inventory WHERE location = '"
                        + BenchOrders.LOCATION + "' AND sku LIKE 'BENCH-%' AND on_hand = " + onHand)) {
                    if (rs.next() && rs.getInt(1) == BenchOrders.SKUS) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("the inventory update was not applied within 60 s");
    }

    private void measure(ConfigurableApplicationContext hub, Map<String, Object> settings) throws Exception {
        for (Phase warm : phases.stream().filter(p -> p.warmup).toList()) {
            run(warm);
            plan.learn(warm);
        }
        if (seedOrders > 0) {
            long seeding = System.nanoTime();
            int seeded = db.seed(seedOrders);
            settings.put("seedOrders", seedOrders);
            settings.put("seededNow", seeded);
            settings.put("seedSeconds", Phase.round((System.nanoTime() - seeding) / 1e9));
            settings.put("ordersStored", db.storedOrders());
            System.out.println("seed: " + seeded + " orders inserted now, " + seedOrders + " asked");
        }
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Recording recording = null;
        if (jfr) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setToDisk(true);
            recording.setDestination(out.resolve("hub.jfr"));
            recording.start();
        }
        long measuredFrom = System.nanoTime();
        double cpu0 = OS.getProcessCpuTime() / 1e9;
        double pg0 = db.cpuSeconds();
        Map<String, Object> barePipe = null;
        Map<String, Object> dbLimit = null;
        Phase jms10 = null;
        db.startSampling();
        long budgetEnd = System.nanoTime() + budgetSeconds * 1_000_000_000L;
        for (int i = 0; i < plan.phases.size(); i++) {
            Plan.Spec spec = plan.phases.get(i);
            int orders = plan.orders(i, (budgetEnd - System.nanoTime()) / 1e9);
            Phase phase = new Phase(spec.channel(), spec.lines(), orders, 0, false, origin);
            phases.add(phase);
            boolean basis = jms10 == null && phase.channel.equals("jms") && phase.lines == 10;
            if (basis) {
                db.resetStatements();
            }
            run(phase);
            plan.learn(phase);
            if (basis) {
                jms10 = phase;
                phase.measured.put("statements", db.statements(phase.orders, 30));
                List<byte[]> bodies = drivers.bodies(phase);
                System.out.println("bare pipe: " + bodies.size() + " orders");
                barePipe = References.barePipe(hub, drivers, bodies, barePipeRuns, idleTimeoutSeconds * 4_000_000_000L);
                System.out.println("bare pipe: " + barePipe);
                dbLimit = References.databaseLimit(db.url(), bodies, dbBatch);
                System.out.println("database limit: " + dbLimit);
            }
        }
        Map<String, Object> pacedFigures = null;
        if (pacedRate > 0 && pacedSeconds > 0) {
            Phase paced = new Phase("jms", 10, (int) Math.round(pacedRate * pacedSeconds), pacedRate, false, origin);
            plan.counts.put(paced.label, paced.orders);
            paced.maxBacklog = (int) Math.max(1, Math.round(pacedRate * pacedMaxLag));
            phases.add(paced);
            run(paced);
            pacedFigures = paced(paced);
        }
        Map<String, Integer> used = new LinkedHashMap<>();
        phases.forEach(p -> used.put(p.label, p.orders));
        settings.put("phases", used);
        settings.put("ordersSent", phases.stream().mapToInt(p -> p.orders).sum());
        settings.put("trackerEvents", tracker.events.get());
        settings.put("trackerUnmatched", tracker.unknown.get());
        List<Map<String, Object>> processExceptions = db.processExceptions();
        long measuredTo = System.nanoTime();
        if (recording != null) {
            recording.stop();
            recording.close();
        }
        double wall = (measuredTo - measuredFrom) / 1e9;
        Map<String, Object> cpu = new LinkedHashMap<>();
        double cpuSeconds = OS.getProcessCpuTime() / 1e9 - cpu0;
        cpu.put("processCpuSeconds", Phase.round(cpuSeconds));
        cpu.put("processLoad", Math.round(cpuSeconds / wall / OS.getAvailableProcessors() * 1000) / 1000.0);
        cpu.put("postgresCpuSeconds", Phase.round(db.cpuSeconds() - pg0));
        cpu.put("wallSeconds", Phase.round(wall));
        cpu.put("note", "process = the benchmark JVM: hub, embedded Artemis, Kafka broker and the load clients");
        double heapPeakMb =
                heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0;
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", OS.getAvailableProcessors());
        machine.put("memoryMb", OS.getTotalMemorySize() / 1048576);
        machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576);
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        settings.put("runSeconds", Phase.round((System.nanoTime() - origin) / 1e9));
        Map<String, Object> result =
                Report.result(phases, barePipe, dbLimit, pacedFigures, cpu, heapPeakMb, machine, settings);
        result.put("processExceptions", processExceptions);
        Report.write(out, result, phases, origin, System.nanoTime());
        System.out.println();
        System.out.println(Report.table(phases, result));
        processExceptions.forEach(pe -> System.out.println("process exceptions: " + pe));
        System.out.println("written: " + out.resolve("result.json") + ", throughput.csv, throughput.png");
        if (recording != null) {
            String profile = JfrSummary.summarize(out.resolve("hub.jfr"));
            Files.writeString(out.resolve("profile.txt"), profile);
            System.out.println(profile);
            System.out.println("profile: " + out.resolve("hub.jfr") + ", " + out.resolve("profile.txt"));
        }
    }

    /**
     * result.json's {@code paced}: the rate asked and the rate achieved (ALLOCATED per second from the first
     * scheduled send to the last ALLOCATED), whether the hub held it, for how long orders were sent, and the
     * latencies from each order's scheduled send time.
     */
    private Map<String, Object> paced(Phase phase) {
        Map<String, Object> f = phase.figures();
        Map<String, Object> paced = new LinkedHashMap<>();
        paced.put("asked", pacedRate);
        paced.put("rate", f.get("allocatedPerSecond"));
        paced.put("held", f.get("held"));
        paced.put("seconds", f.get("sendingSeconds"));
        paced.put("askedSeconds", pacedSeconds);
        if (total < QUICK_BELOW && System.getProperty("bench.pacedSeconds") == null) {
            paced.put("shortened", "quick run (bench.orders < " + QUICK_BELOW + "): " + pacedSeconds + " s, not 60 s");
        }
        paced.put("orders", phase.orders);
        paced.put("skipped", f.get("skipped"));
        if (((Number) f.get("skipped")).intValue() > 0) {
            paced.put(
                    "skippedWhy",
                    "an order's time came while more than " + phase.maxBacklog + " orders (" + pacedMaxLag
                            + " s of the asked rate) waited for ALLOCATED: not sent");
        }
        paced.put("latencyFrom", "each order's scheduled send time (start + i / asked rate)");
        paced.put("latencyMs", f.get("latencyMs"));
        if (f.get("committed") instanceof Map<?, ?> committed) {
            paced.put("committedLatencyMs", committed.get("latencyMs"));
        }
        return paced;
    }

    /** Sends a phase's orders, waits until each is CLOSED or stuck (or nothing moves for a while), and measures. */
    private void run(Phase phase) throws Exception {
        double cpu0 = OS.getProcessCpuTime() / 1e9;
        double pg0 = db.cpuSeconds();
        long[] machine0 = DbProbe.machineTicks();
        Map<String, Long> counters0 = db.counters();
        db.takeWaits();
        phase.startNanos = System.nanoTime();
        drivers.send(phase);
        int progress = -1;
        long lastMove = System.nanoTime();
        while (!phase.complete()) {
            Thread.sleep(100);
            if (phase.progress() != progress) {
                progress = phase.progress();
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > idleTimeoutSeconds * 1_000_000_000L) {
                System.out.println(phase.label + ": nothing moved for " + idleTimeoutSeconds + " s, giving up on "
                        + (phase.orders - phase.settled()) + " orders");
                break;
            }
        }
        phase.endNanos = System.nanoTime();
        Thread.sleep(600); // PostgreSQL's statistics reach pg_stat_database within 500 ms
        double wall = (phase.endNanos - phase.startNanos) / 1e9;
        double cpu = OS.getProcessCpuTime() / 1e9 - cpu0;
        double pg = db.cpuSeconds() - pg0;
        long[] machine1 = DbProbe.machineTicks();
        Map<String, Object> m = phase.measured;
        m.put("cpuMsPerOrder", Phase.round(cpu * 1000 / phase.orders));
        m.put("processLoad", Math.round(cpu / wall / OS.getAvailableProcessors() * 1000) / 1000.0);
        m.put("postgresCpuMsPerOrder", Phase.round(pg * 1000 / phase.orders));
        m.put(
                "machineBusy",
                Math.round((machine1[0] - machine0[0]) * 1000.0 / Math.max(1, machine1[1] - machine0[1])) / 1000.0);
        Map<String, Object> perOrder = new LinkedHashMap<>();
        db.counters().forEach((k, v) -> perOrder.put(k, Phase.round((v - counters0.get(k)) / (double) phase.orders)));
        m.put("databasePerOrder", perOrder);
        m.put("databaseWaitSamples", db.takeWaits());
        String channel = phase.channel.equals("csv") ? "demo" : Drivers.canonicalChannel(phase.channel);
        String prefix = phase.externalId(runId, 0).replaceAll("\\d+$", "");
        Map<String, Map<String, Long>> reachedAt = new LinkedHashMap<>();
        for (String status : List.of("ALLOCATED", "CLOSED")) {
            reachedAt.put(status.toLowerCase(), db.committedAt(channel, prefix, status));
        }
        phase.committed(reachedAt, System.currentTimeMillis() * 1_000_000L - System.nanoTime());
        Map<String, Object> f = phase.figures();
        System.out.printf(
                "%-16s %6d orders in %6.1f s: %s/s accepted, %s/s allocated, %s/s closed; ms to ALLOCATED %s;"
                        + " committed %s; cpu %s ms/order; machine busy %s; db per order %s%n",
                phase.label,
                phase.orders,
                wall,
                f.get("acceptedPerSecond"),
                f.get("allocatedPerSecond"),
                f.get("closedPerSecond"),
                phase.percentiles("allocated"),
                f.get("committed"),
                m.get("cpuMsPerOrder"),
                m.get("machineBusy"),
                perOrder);
    }
}
