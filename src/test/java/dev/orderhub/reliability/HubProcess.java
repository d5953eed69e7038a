package dev.orderhub.reliability;

import static org.awaitility.Awaitility.await;

import dev.orderhub.OrderhubApplication;
import dev.orderhub.support.HubClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hub in a JVM of its own, started from the test class path in the project root, so that a test can kill it with
 * SIGKILL ({@link Process#destroyForcibly()}) and start it again on the same data folder and database.
 */
final class HubProcess implements AutoCloseable {
    static final String API_KEY = "crash-test-key";
    static final String BROKER_USER = "orderhub";
    static final String BROKER_PASSWORD = "crash-test-broker-password";

    final int httpPort;
    final int brokerPort;
    final Path dataDir;
    private final Map<String, String> env;
    private final List<String> args;
    private Process process;
    private int starts;

    HubProcess(Path dataDir, Map<String, String> env, List<String> args) {
        this.httpPort = freePort();
        this.brokerPort = freePort();
        this.dataDir = dataDir;
        this.env = env;
        this.args = args;
    }

    HubClient client() {
        return new HubClient(httpPort);
    }

    /** The embedded broker's acceptor, or the external broker {@code ORDERHUB_BROKER_URL} names (native mode). */
    String brokerUrl() {
        return env.getOrDefault("ORDERHUB_BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
    }

    /** Starts the hub and waits until it answers on HTTP. */
    HubProcess start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-cp",
                System.getProperty("java.class.path"),
                OrderhubApplication.class.getName(),
                "--server.port=" + httpPort,
                "--orderhub.data-dir=" + dataDir,
                "--orderhub.broker.port=" + brokerPort,
                "--spring.artemis.broker-url=" + brokerUrl(),
                "--orderhub.files.poll-delay-ms=200",
                "--orderhub.pipeline.sweep-period-ms=2000",
                "--orderhub.pipeline.sweep-idle-seconds=5"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().put("ORDERHUB_API_KEY", API_KEY);
        builder.environment().put("ORDERHUB_BROKER_USER", BROKER_USER);
        builder.environment().put("ORDERHUB_BROKER_PASSWORD", BROKER_PASSWORD);
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a hub JVM", e);
        }
        starts++;
        HubClient client = client();
        await("hub JVM start " + starts + " (log " + log() + ")")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "hub JVM exited with " + process.exitValue() + "; see " + log());
                    }
                    try {
                        return client.get("/actuator/health", API_KEY).statusCode() == 200;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
        return this;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    Path log() {
        try {
            return Files.createDirectories(Path.of("target", "crash-logs")).resolve(dataDir.getFileName() + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
