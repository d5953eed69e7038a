package dev.orderhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * One in-process SFTP server (Apache MINA SSHD) per test run: user {@code partner} authenticated by key only, a fixed
 * host key, a known_hosts file for strict host key checking, and a root folder with the partner's inbound and
 * outbound directories.
 */
public final class Sftp {
    public static final String USER = "partner";
    private static SshServer server;
    private static Path root;
    private static Path privateKey;
    private static Path knownHosts;

    private Sftp() {}

    public static synchronized int port() {
        if (server == null) {
            start();
        }
        return server.getPort();
    }

    public static Path root() {
        port();
        return root;
    }

    public static Path privateKey() {
        port();
        return privateKey;
    }

    public static Path knownHosts() {
        port();
        return knownHosts;
    }

    private static void start() {
        try {
            // a folder of this run's own: builds running side by side never share a key or known_hosts
            Path base = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "sftp").toAbsolutePath()), "run-");
            root = Files.createTempDirectory(base, "root-");
            Files.createDirectories(root.resolve("in"));
            Files.createDirectories(root.resolve("out"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair client = generator.generateKeyPair();
            privateKey = base.resolve("partner_rsa");
            try (var out = Files.newOutputStream(privateKey)) {
                new OpenSSHKeyPairResourceWriter().writePrivateKey(client, "partner", null, out);
            }
            PublicKey clientPublic = client.getPublic();
            server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(base.resolve("hostkey.ser"));
            hostKeys.setAlgorithm(KeyUtils.RSA_ALGORITHM);
            server.setKeyPairProvider(hostKeys);
            server.setPublickeyAuthenticator(
                    (user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientPublic));
            server.setPasswordAuthenticator(null);
            server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            server.setFileSystemFactory(new VirtualFileSystemFactory(root));
            server.start();
            PublicKey hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
            knownHosts = base.resolve("known_hosts");
            Files.writeString(
                    knownHosts, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey) + "\n");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop(true);
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SFTP server", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
