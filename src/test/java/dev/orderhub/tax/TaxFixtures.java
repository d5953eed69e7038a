package dev.orderhub.tax;

import dev.orderhub.order.Account;
import dev.orderhub.order.Address;
import dev.orderhub.order.Adjustment;
import dev.orderhub.order.Charge;
import dev.orderhub.order.DeliveryGroup;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.order.TaxLine;
import dev.orderhub.order.TaxMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small builders for orders to tax: one delivery group DG1, lines and charges in it. */
final class TaxFixtures {
    private TaxFixtures() {}

    static final TaxTables TABLES = new TaxTables(Path.of("connectors/tax/sandbox.yaml"));

    static Address address(String country, String region, String postalCode) {
        return new Address("Receiver", "1 Test St", null, "Town", region, postalCode, country);
    }

    static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    static OrderLine line(String id, String unitPrice, int quantity, String... adjustments) {
        List<Adjustment> adj = new ArrayList<>();
        for (String a : adjustments) {
            adj.add(new Adjustment("DISCOUNT", money(a), "test"));
        }
        return new OrderLine(id, "SKU-" + id, null, null, quantity, money(unitPrice), "DG1", adj, null, null, null);
    }

    static OrderLine lineWithTax(String id, String unitPrice, int quantity, TaxLine... taxLines) {
        return line(id, unitPrice, quantity).withTaxLines(List.of(taxLines));
    }

    static Charge delivery(String amount) {
        return new Charge("DELIVERY", money(amount), "DG1", null);
    }

    /** An order in a currency, bought by an account with a tax id (null for a consumer), shipped to one address. */
    static Order order(
            String currency, String taxId, Address shipTo, TaxMode mode, List<OrderLine> lines, List<Charge> charges) {
        Account account = taxId == null ? null : new Account("ACC-1", "Buyer Co", taxId);
        return new Order(
                null,
                "test",
                "EXT-1",
                null,
                currency,
                account,
                null,
                null,
                null,
                null,
                List.of(new DeliveryGroup("DG1", shipTo, "GROUND", null)),
                lines,
                charges,
                mode,
                null,
                null,
                null,
                0,
                0,
                null,
                null,
                null);
    }

    static Order net(String currency, Address shipTo, OrderLine... lines) {
        return order(currency, null, shipTo, TaxMode.NET, List.of(lines), List.of());
    }
}
