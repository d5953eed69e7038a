package dev.orderhub.payment;

import dev.orderhub.connector.ConnectorFiles;
import dev.orderhub.connector.ConnectorRetry;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/** Builds the payment gateway and account book from their connector files. */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

    @Bean
    PaymentGateway paymentGateway(ConnectorFiles files, @Value("${orderhub.connectors.payment:sandbox}") String name) {
        String type = files.read("payment", name).path("type").asString();
        if (!"sandbox".equals(type)) {
            throw new IllegalStateException(
                    "payment connector " + name + " has type " + type + "; this build supports type sandbox");
        }
        return new SandboxPaymentGateway();
    }

    /** The primary gateway bean (the connector file's) with the connector file's retry policy. */
    @Bean
    PaymentConnector paymentConnector(
            PaymentGateway gateway,
            ConnectorFiles files,
            @Value("${orderhub.connectors.payment:sandbox}") String name) {
        JsonNode file = files.read("payment", name);
        return new PaymentConnector(gateway, files.convert(file.path("retry"), ConnectorRetry.class));
    }

    @Bean
    AccountBook accountBook(ConnectorFiles files, @Value("${orderhub.connectors.accounts:sandbox}") String name) {
        AccountBook.Account[] accounts =
                files.convert(files.read("accounts", name).path("accounts"), AccountBook.Account[].class);
        return new AccountBook(List.copyOf(Arrays.asList(accounts)));
    }
}
