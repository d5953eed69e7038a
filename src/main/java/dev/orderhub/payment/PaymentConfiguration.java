package dev.orderhub.payment;

import dev.orderhub.connector.ConnectorFiles;
import dev.orderhub.connector.ConnectorHttp;
import dev.orderhub.connector.Connectors;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The payment gateway (the active payment connector's routes) and the account book. */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

    @Bean
    PaymentGateway paymentGateway(Connectors connectors) {
        return new RoutedPaymentGateway(connectors);
    }

    /** The primary gateway bean with the payment connector's policy. */
    @Bean
    PaymentConnector paymentConnector(PaymentGateway gateway, Connectors connectors) {
        return new PaymentConnector(gateway, connectors.policy("payment"));
    }

    @Bean
    SandboxPaymentGateway sandboxPaymentGateway() {
        return new SandboxPaymentGateway();
    }

    /** Form bodies and answers of the Stripe connector's routes (connector type payment/stripe). */
    @Bean
    StripePayments stripePayments(ConnectorHttp http, JsonMapper json) {
        return new StripePayments(http, json);
    }

    @Bean
    AccountBook accountBook(ConnectorFiles files, @Value("${orderhub.connectors.accounts:sandbox}") String name) {
        AccountBook.Account[] accounts =
                files.convert(files.read("accounts", name).path("accounts"), AccountBook.Account[].class);
        return new AccountBook(List.copyOf(Arrays.asList(accounts)));
    }
}
