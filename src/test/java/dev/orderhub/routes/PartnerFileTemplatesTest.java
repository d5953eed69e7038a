package dev.orderhub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * routes/channels/partner-files.yaml, the local-folder templates: a partner's file reaches the partnerFiles bean
 * with the partner named and moves to .done; an unreadable one moves to .error and is dead-lettered; documents for
 * a partner appear under their name only when whole, and never overwrite one already there.
 */
class PartnerFileTemplatesTest extends YamlRouteTestSupport {
    private final RecordingPartnerFiles partnerFiles = new RecordingPartnerFiles();

    @TempDir
    Path inbox;

    @TempDir
    Path outbox;

    @BeforeEach
    void startRoutes() throws Exception {
        context.getRegistry().bind("partnerFiles", partnerFiles);
        start("routes/channels/partner-files.yaml");
        TemplatedRouteBuilder.builder(context, "partner-folder-inbound")
                .routeId("files-acme")
                .parameter("partner", "acme")
                .parameter("path", inbox.toString())
                .parameter("pollDelayMs", "100")
                .add();
        TemplatedRouteBuilder.builder(context, "partner-folder-outbound")
                .routeId("outbound-files-acme")
                .parameter("partner", "acme")
                .parameter("path", outbox.toString())
                .add();
    }

    @Override
    void advise() {}

    @Test
    void partnerFileReachesTheBeanAndMovesToDone() throws Exception {
        NotifyBuilder read = new NotifyBuilder(context)
                .fromRoute("files-acme")
                .whenCompleted(1)
                .create();
        Files.writeString(inbox.resolve("notes.txt"), "not an order file");
        Files.writeString(inbox.resolve("PO-1.csv"), "po_number,sku\nPO-1,SKU-1\n");

        assertThat(read.matches(10, TimeUnit.SECONDS)).as("file read").isTrue();
        assertThat(partnerFiles.received).containsExactly("acme PO-1.csv po_number,sku\nPO-1,SKU-1\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(inbox.resolve(".done/PO-1.csv")));
        assertThat(inbox.resolve("PO-1.csv")).doesNotExist();
        assertThat(inbox.resolve("notes.txt")).exists();
        assertThat(deadLetters.causes).isEmpty();
    }

    @Test
    void unreadableFileMovesToErrorAndIsDeadLettered() throws Exception {
        MockEndpoint dlq = getMockEndpoint(JMS_DLQ);
        dlq.expectedBodiesReceived("<broken");
        NotifyBuilder failed =
                new NotifyBuilder(context).fromRoute("files-acme").whenFailed(1).create();

        Files.writeString(inbox.resolve("unreadable.xml"), "<broken");

        assertThat(failed.matches(10, TimeUnit.SECONDS)).as("file failed").isTrue();
        dlq.assertIsSatisfied();
        assertThat(deadLetters.causes)
                .singleElement()
                .extracting(Throwable::getMessage)
                .isEqualTo("not XML");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(inbox.resolve(".error/unreadable.xml")));
        assertThat(inbox.resolve(".done")).doesNotExist();
    }

    @Test
    void documentIsWrittenWholeAndNeverOverwritten() throws Exception {
        String partnerOutbound = "direct:partner-outbound-acme";
        template.sendBodyAndHeaders(partnerOutbound, "ISA*first", Map.of(Exchange.FILE_NAME, "997-1.edi"));

        assertThat(outbox.resolve("997-1.edi")).hasContent("ISA*first");
        assertThatThrownBy(() -> template.sendBodyAndHeaders(
                        partnerOutbound, "ISA*second", Map.of(Exchange.FILE_NAME, "997-1.edi")))
                .isInstanceOf(CamelExecutionException.class);
        assertThat(outbox.resolve("997-1.edi")).hasContent("ISA*first");
        try (var files = Files.list(outbox)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("997-1.edi");
        }
    }

    /** Stands in for the partnerFiles bean: keeps what it was given; a file named unreadable* cannot be read. */
    public static class RecordingPartnerFiles {
        final List<String> received = new CopyOnWriteArrayList<>();

        public void receive(Exchange exchange) {
            String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
            if (name.startsWith("unreadable")) {
                throw new IllegalArgumentException("not XML");
            }
            received.add(exchange.getMessage().getHeader("orderhubPartner") + " " + name + " "
                    + exchange.getMessage().getBody(String.class));
        }

        public void replay(Exchange exchange) {
            received.add("replay " + exchange.getMessage().getBody(String.class));
        }
    }
}
