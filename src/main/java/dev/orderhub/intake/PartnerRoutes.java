package dev.orderhub.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes one inbound file route per partner connector file, from the templates in routes/channels/partner-files.yaml:
 * a partner is added by adding its file, with no Java and no route of its own.
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
            Partner.Location in = partner.inbound();
            if (in == null) {
                continue;
            }
            String routeId = "channel-files-" + partner.id();
            TemplatedRouteBuilder route = "sftp".equals(in.type())
                    ? TemplatedRouteBuilder.builder(context, "partner-sftp-inbound")
                            .parameter("host", in.host())
                            .parameter("port", String.valueOf(in.port() == null ? 22 : in.port()))
                            .parameter("user", in.user())
                            .parameter("directory", in.directory() == null ? "" : in.directory())
                            .parameter("privateKeyFile", in.privateKeyFile() == null ? "" : in.privateKeyFile())
                            .parameter("password", in.passwordEnv() == null ? "" : env(in.passwordEnv()))
                            .parameter("knownHostsFile", in.knownHostsFile())
                            .parameter("strictHostKeyChecking",
                                    Boolean.FALSE.equals(in.strictHostKeyChecking()) ? "no" : "yes")
                    : TemplatedRouteBuilder.builder(context, "partner-folder-inbound").parameter("path", in.path());
            route.routeId(routeId)
                    .parameter("partner", partner.id())
                    .parameter("pollDelayMs", String.valueOf(in.pollDelayMs() == null ? 1000 : in.pollDelayMs()))
                    .add();
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException("environment variable " + name + " (a partner's SFTP password) is not set");
        }
        return value;
    }
}
