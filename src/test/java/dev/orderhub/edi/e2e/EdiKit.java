package dev.orderhub.edi.e2e;

import static dev.orderhub.support.HubOrders.enc;
import static dev.orderhub.support.HubOrders.json;
import static dev.orderhub.support.HubOrders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderhub.edi.X12Interchange;
import dev.orderhub.edi.X12Reader;
import dev.orderhub.edi.X12TransactionSet;
import dev.orderhub.support.HubClient;
import dev.orderhub.support.HubOrders;
import dev.orderhub.support.HubTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the EDI end-to-end tests share: fresh ids, dropping files the way a partner does (temporary name, then
 * rename), the REST calls an operator makes (orders, process exceptions), and the partner's side of the outbound
 * folder: only final file names are read ({@code 997-…}, {@code 855-…}, {@code 856-…}, {@code 810-…}, {@code 180-…}, {@code 812-…},
 * {@code TA1-…}; never a temporary name), each parsed with the validating {@link X12Reader}.
 */
final class EdiKit {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String OPERATOR = HubTestContext.OPERATOR_KEY;
    /** Files are polled every half second to second under a read lock; the whole pipeline runs in between. */
    static final Duration WAIT = Duration.ofSeconds(90);
    /** How long "nothing more happens" is watched for (Awaitility {@code during}, not a sleep). */
    static final Duration QUIET = Duration.ofSeconds(4);

    /** A final outbound file name: set id (or TA1) first, then the partner, then ISA13 (nine digits). */
    static final Pattern FINAL_NAME = Pattern.compile("(997|855|856|810|180|812|TA1)-(.+)-(\\d{9})\\.edi");

    private static final AtomicLong CONTROL =
            new AtomicLong(ThreadLocalRandom.current().nextLong(100_000_000L, 800_000_000L));
    private static final AtomicLong GROUP_CONTROL =
            new AtomicLong(ThreadLocalRandom.current().nextLong(10_000_000L, 80_000_000L));

    private EdiKit() {}

    // ---- ids ---------------------------------------------------------------------------------------------------

    /** A PO number no other test uses (BEG03 is at most 22 characters). */
    static String po(String prefix) {
        return prefix + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    /** A fresh ISA13: nine digits, never used before in this run. */
    static String isa13() {
        return String.format("%09d", CONTROL.incrementAndGet());
    }

    /** A fresh GS06 (1 to 9 digits), so that a 997 can be told apart by AK102. */
    static String groupControl() {
        return String.valueOf(GROUP_CONTROL.incrementAndGet());
    }

    // ---- files -------------------------------------------------------------------------------------------------

    /** Puts a file into a folder as a careful partner does: written under a name the hub ignores, then renamed. */
    static Path drop(Path folder, String name, String content) {
        return drop(folder, name, content, Instant.now());
    }

    /** Drops a file whose modification time is {@code modified}, set before it appears in the folder. */
    static Path drop(Path folder, String name, String content, Instant modified) {
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve(name + ".part");
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(partial, FileTime.from(modified));
            return Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the hub has moved the file out of the folder into {@code <folder>/<subfolder>/}. */
    static void awaitMoved(Path folder, String name, String subfolder) {
        await("file " + name + " moved to " + subfolder)
                .atMost(WAIT)
                .until(() -> !Files.exists(folder.resolve(name))
                        && Files.exists(folder.resolve(subfolder).resolve(name)));
    }

    // ---- outbound documents --------------------------------------------------------------------------------------

    /** One outbound file as the partner reads it: its final name and the interchange read back with validation. */
    record Doc(Path file, String kind, String partnerId, String nameControl, String text, X12Interchange interchange) {

        /** The only transaction set (every document orderhub writes holds one group with one set). */
        X12TransactionSet set() {
            assertThat(interchange.groups())
                    .as("groups in %s", file.getFileName())
                    .hasSize(1);
            assertThat(interchange.sets()).as("sets in %s", file.getFileName()).hasSize(1);
            return interchange.sets().get(0);
        }

        JsonNode json() {
            return set().json();
        }

        @Override
        public String toString() {
            return file.getFileName() + ":\n" + text;
        }
    }

    /** A partner's outbound folder (local, or the SFTP server's directory on disk) seen from the partner's side. */
    static final class Outbox {
        private final Path folder;
        private final Map<Path, Doc> read = new ConcurrentHashMap<>();

        Outbox(Path folder) {
            this.folder = folder;
        }

        Path folder() {
            return folder;
        }

        /** Every document with a final name, oldest first; temporary names are never opened. */
        List<Doc> documents() {
            if (!Files.isDirectory(folder)) {
                return List.of();
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(p ->
                                FINAL_NAME.matcher(p.getFileName().toString()).matches())
                        .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Doc> docs = new ArrayList<>();
            for (Path file : files) {
                docs.add(read.computeIfAbsent(file, Outbox::parse));
            }
            return docs;
        }

        private static Doc parse(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher name = FINAL_NAME.matcher(file.getFileName().toString());
            assertThat(name.matches()).isTrue();
            List<X12Interchange> interchanges = X12Reader.read(text);
            assertThat(interchanges)
                    .as("interchanges in %s%n%s", file.getFileName(), text)
                    .hasSize(1);
            return new Doc(file, name.group(1), name.group(2), name.group(3), text, interchanges.get(0));
        }

        /** The documents of a kind whose only set matches. */
        List<Doc> find(String kind, Predicate<Doc> matching) {
            return documents().stream()
                    .filter(d -> d.kind().equals(kind))
                    .filter(matching)
                    .toList();
        }

        /** Waits for (at least) {@code count} documents of a kind that match, and returns the first {@code count}. */
        List<Doc> awaitDocs(String kind, String what, int count, Predicate<Doc> matching) {
            return await(what + " in " + folder)
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> find(kind, matching), found -> found.size() >= count)
                    .subList(0, count);
        }

        /** Waits for one document of a kind that matches, and returns it. */
        Doc awaitOne(String kind, String what, Predicate<Doc> matching) {
            return awaitDocs(kind, what, 1, matching).get(0);
        }

        /** The 997s acknowledging the group with this GS06. */
        List<Doc> acks997(String groupControl) {
            return find("997", d -> groupControl.equals(text(d.json().path("AK1"), "AK102")));
        }

        Doc await997(String groupControl) {
            return awaitOne(
                    "997",
                    "997 for group " + groupControl,
                    d -> groupControl.equals(text(d.json().path("AK1"), "AK102")));
        }

        Doc await855(String poNumber) {
            return awaitOne(
                    "855",
                    "855 for PO " + poNumber,
                    d -> poNumber.equals(text(d.json().path("BAK"), "BAK03")));
        }

        List<Doc> await856s(String poNumber, int count) {
            return awaitDocs(
                    "856",
                    "856 for PO " + poNumber,
                    count,
                    d -> poNumber.equals(text(hl(d.json(), "O").path("PRF"), "PRF01")));
        }

        List<Doc> await810s(String poNumber, int count) {
            return awaitDocs(
                    "810",
                    "810 for PO " + poNumber,
                    count,
                    d -> poNumber.equals(text(d.json().path("BIG"), "BIG04")));
        }

        Doc awaitTa1(String isa13) {
            return awaitOne(
                    "TA1",
                    "TA1 for interchange " + isa13,
                    d -> d.text().contains(isa13) && isa13.equals(ta1(d).get(0)));
        }

        List<Doc> all855(String poNumber) {
            return find("855", d -> poNumber.equals(text(d.json().path("BAK"), "BAK03")));
        }
    }

    /** The elements of the TA1 segment of a TA1 interchange (it has no group, so it is read from the text). */
    static List<String> ta1(Doc doc) {
        String element = doc.interchange().envelope().path("elementSeparator").asString();
        String terminator =
                doc.interchange().envelope().path("segmentTerminator").asString();
        for (String segment : doc.text().split(Pattern.quote(terminator))) {
            String s = segment.strip();
            if (s.startsWith("TA1" + element)) {
                String[] elements = s.split(Pattern.quote(element), -1);
                return List.of(elements).subList(1, elements.length);
            }
        }
        throw new AssertionError("no TA1 segment in " + doc);
    }

    // ---- JSON view of sets ---------------------------------------------------------------------------------------

    /** An element's text; a composite element's first component. */
    static String text(JsonNode segment, String element) {
        JsonNode value = segment.path(element);
        if (value.isArray()) {
            return value.isEmpty() ? "" : value.get(0).asString("");
        }
        return value.asString("");
    }

    /** A segment or loop the schema allows more than once, as a list (one allowed once: a list of one). */
    static List<JsonNode> all(JsonNode parent, String name) {
        JsonNode value = parent.path(name);
        List<JsonNode> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(out::add);
        } else if (!value.isMissingNode()) {
            out.add(value);
        }
        return out;
    }

    /** The 856 HL loops of a level code (S shipment, O order, I item). */
    static List<JsonNode> hls(JsonNode set, String level) {
        return all(set, "HL").stream()
                .filter(hl -> level.equals(text(hl, "HL03")))
                .toList();
    }

    static JsonNode hl(JsonNode set, String level) {
        List<JsonNode> found = hls(set, level);
        return found.isEmpty() ? JSON.missingNode() : found.get(0);
    }

    /** Product id pairs of a PO1, ACK, LIN or IT1 as the reader gives them, qualifier to id in order. */
    static List<String> idPairs(JsonNode segment) {
        List<String> pairs = new ArrayList<>();
        segment.path("ids").forEach(p -> {
            pairs.add(p.path("qualifier").asString());
            pairs.add(p.path("id").asString());
        });
        return pairs;
    }

    /** TDS01 and SAC05: amounts in implied cents. */
    static String cents(BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString();
    }

    // ---- REST --------------------------------------------------------------------------------------------------

    /** Waits for the order of (channel, externalOrderId) and returns its id. */
    static String awaitOrder(HubClient hub, String channel, String externalOrderId) {
        return HubOrders.awaitOrder(hub, channel, externalOrderId, WAIT);
    }

    /** Waits until the order reaches a status, and returns its summary (fulfillment orders, shipments, invoices). */
    static JsonNode awaitStatus(HubClient hub, String id, String status) {
        return await("order " + id + " " + status)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> order(hub, id), o -> status.equals(o.path("status").asString()));
    }

    /** The EDI process exceptions recorded since an instant (list items: no original). */
    static List<JsonNode> ediExceptionsSince(HubClient hub, Instant since) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; page < 50; page++) {
            JsonNode body = json(
                    hub.get(
                            "/api/process-exceptions?category=EDI&from=" + enc(since) + "&size=200&page=" + page,
                            OPERATOR),
                    200);
            body.path("items").forEach(all::add);
            if (all.size() >= body.path("total").asLong() || body.path("items").isEmpty()) {
                break;
            }
        }
        return all;
    }

    static List<JsonNode> ediExceptions(HubClient hub, Instant since, String externalReference) {
        return ediExceptionsSince(hub, since).stream()
                .filter(pe ->
                        externalReference.equals(pe.path("externalReference").asString()))
                .toList();
    }

    /** Waits for the EDI process exception whose externalReference is given, and returns it in full. */
    static JsonNode awaitEdiException(HubClient hub, Instant since, String externalReference) {
        JsonNode item = await("EDI process exception " + externalReference)
                .atMost(WAIT)
                .until(() -> ediExceptions(hub, since, externalReference), l -> !l.isEmpty())
                .get(0);
        return json(hub.get("/api/process-exceptions/" + enc(item.path("number").asString()), OPERATOR), 200);
    }
}
