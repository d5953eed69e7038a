package dev.orderhub.intake;

import dev.orderhub.datadir.OwnerOnly;
import dev.orderhub.exception.DeadLetters;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes one inbound file route per partner connector file, with its replay entry, from the templates in
 * routes/channels/partner-files.yaml: a partner is added by adding its file, with no Java and no route of its own.
 */
@Component
class PartnerRoutes implements CamelContextConfiguration {
    private final Partners partners;
    private final boolean enabled;

    PartnerRoutes(Partners partners, @Value("${orderhub.files.enabled:true}") boolean enabled) {
        this.partners = partners;
        this.enabled = enabled;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        // the templates are loaded with the routes; partner routes are added once they are
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        if (!enabled) {
            return;
        }
        for (Partner partner : partners.all()) {
            addOutbound(context, partner);
            Partner.Location in = partner.inbound();
            if (in == null) {
                continue;
            }
            String routeId = "channel-files-" + partner.id();
            // first its replay entry: a file that fails on the inbound route is recorded as replayed there
            TemplatedRouteBuilder.builder(context, "partner-file-replay")
                    .routeId(routeId + DeadLetters.REPLAY_ROUTE_SUFFIX)
                    .parameter("partner", partner.id())
                    .add();
            TemplatedRouteBuilder route = "sftp".equals(in.type())
                    ? sftp(TemplatedRouteBuilder.builder(context, "partner-sftp-inbound"), in)
                    : TemplatedRouteBuilder.builder(context, "partner-folder-inbound")
                            .parameter("path", in.path());
            if (!"sftp".equals(in.type())) {
                Path inbox = Path.of(context.resolvePropertyPlaceholders(in.path()));
                List.of(inbox, inbox.resolve(".done"), inbox.resolve(".error")).forEach(OwnerOnly::directories);
            }
            route.routeId(routeId)
                    .parameter("partner", partner.id())
                    .parameter("pollDelayMs", String.valueOf(in.pollDelayMs() == null ? 1000 : in.pollDelayMs()))
                    .add();
        }
    }

    private static void addOutbound(CamelContext context, Partner partner) {
        Partner.Location out = partner.outbound();
        if (out == null) {
            return;
        }
        TemplatedRouteBuilder route = "sftp".equals(out.type())
                ? sftp(TemplatedRouteBuilder.builder(context, "partner-sftp-outbound"), out)
                : TemplatedRouteBuilder.builder(context, "partner-folder-outbound")
                        .parameter("path", out.path());
        if (!"sftp".equals(out.type())) {
            OwnerOnly.directories(Path.of(context.resolvePropertyPlaceholders(out.path())));
        }
        route.routeId("outbound-files-" + partner.id())
                .parameter("partner", partner.id())
                .add();
    }

    private static TemplatedRouteBuilder sftp(TemplatedRouteBuilder route, Partner.Location location) {
        return route.parameter("host", location.host())
                .parameter("port", String.valueOf(location.port() == null ? 22 : location.port()))
                .parameter("user", location.user())
                .parameter("directory", location.directory() == null ? "" : location.directory())
                .parameter("privateKeyFile", location.privateKeyFile() == null ? "" : location.privateKeyFile())
                .parameter("password", location.passwordEnv() == null ? "" : env(location.passwordEnv()))
                .parameter("knownHostsFile", location.knownHostsFile())
                .parameter(
                        "strictHostKeyChecking", Boolean.FALSE.equals(location.strictHostKeyChecking()) ? "no" : "yes");
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException("environment variable " + name + " (a partner's SFTP password) is not set");
        }
        return value;
    }
}
