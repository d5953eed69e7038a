package dev.orderhub.datadir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directories (0700) and secret files (0600) that only the hub's own user may read, created with those permissions
 * rather than restricted after writing.
 */
public final class OwnerOnly {
    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {}

    /** Creates a directory and any missing parents, each owner-only; an existing one is left as it is. */
    public static Path directories(Path directory) {
        try {
            return POSIX
                    ? Files.createDirectories(directory, permissions("rwx------"))
                    : Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + directory, e);
        }
    }

    /**
     * The secret in {@code file}; when there is none yet, a random one is generated into a new owner-only file.
     * {@code what} names the secret in the log.
     */
    public static String secret(Path file, String what) {
        try {
            if (Files.exists(file)) {
                log.info("No {} configured: using the generated one in {}", what, file.toAbsolutePath());
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            if (file.getParent() != null) {
                directories(file.getParent());
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(
                    POSIX ? Files.createFile(file, permissions("rw-------")) : Files.createFile(file),
                    secret + "\n",
                    StandardCharsets.UTF_8);
            log.info("No {} configured: generated one into {}", what, file.toAbsolutePath());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the generated " + what + " file " + file, e);
        }
    }

    private static FileAttribute<?> permissions(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
