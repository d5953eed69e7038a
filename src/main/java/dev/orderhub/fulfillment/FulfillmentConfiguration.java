package dev.orderhub.fulfillment;

import dev.orderhub.connector.ActiveConnector;
import dev.orderhub.connector.ActiveConnectors;
import dev.orderhub.connector.ConnectorFiles;
import dev.orderhub.connector.Connectors;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Builds locations, stock and the sandbox carrier from their connector files. */
@Configuration(proxyBeanMethods = false)
class FulfillmentConfiguration {

    @Bean
    Locations locations(ConnectorFiles files, @Value("${orderhub.connectors.inventory:sandbox}") String name) {
        JsonNode file = files.read("inventory", name);
        Location[] all = files.convert(file.path("locations"), Location[].class);
        return new Locations(
                List.copyOf(Arrays.asList(all)), file.path("maxSplits").asInt(2));
    }

    /** The sandbox carrier's settings: the active carrier file when it is a sandbox, else carrier/sandbox.yaml. */
    @Bean
    SandboxErp.Carrier carrier(ConnectorFiles files, ActiveConnectors connectors) {
        ActiveConnector active = connectors.get("carrier");
        String name = ActiveConnector.SANDBOX.equals(active.type()) ? active.name() : "sandbox";
        return files.convert(files.read("carrier", name), SandboxErp.Carrier.class);
    }

    @Bean
    CarrierConnector carrierConnector(Connectors connectors) {
        return new CarrierConnector(connectors);
    }

    /** Stocks the sandbox locations at first start; rows that exist keep their figures. */
    @Bean
    ApplicationRunner seedInventory(Locations locations, Inventory inventory, TransactionTemplate transaction) {
        return args -> transaction.executeWithoutResult(tx -> locations
                .all()
                .forEach(location ->
                        location.stock().forEach((sku, onHand) -> inventory.seed(location.id(), sku, onHand))));
    }
}
