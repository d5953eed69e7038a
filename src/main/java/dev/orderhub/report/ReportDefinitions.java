package dev.orderhub.report;

import dev.orderhub.credit.CreditMemo;
import dev.orderhub.invoice.Invoice;
import dev.orderhub.servicing.ReturnOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prebuilt reports, one bean each (another report is one more bean). No report carries personal data: no buyer
 * name, e-mail, phone or address; an order is named by its id, channel, external order id and account. Money is a
 * decimal at its currency's minor-unit scale, instants are ISO-8601 UTC.
 */
@Configuration(proxyBeanMethods = false)
class ReportDefinitions {

    @Bean
    Report ordersReport() {
        return new Report(
                "orders",
                columns("id external_order_id channel account_id status currency grand_total payment_method"
                        + " created_at updated_at"),
                """
                SELECT o.id, o.external_order_id, o.channel, o.account_id, o.status, o.currency, o.grand_total,
                    o.payment_method, o.created_at, o.updated_at
                FROM orders o""",
                "o.created_at",
                "o.created_at, o.id",
                row -> Arrays.asList(
                        row.getString("id"),
                        row.getString("external_order_id"),
                        row.getString("channel"),
                        row.getString("account_id"),
                        row.getString("status"),
                        row.getString("currency"),
                        money(row, "grand_total", row.getString("currency")),
                        row.getString("payment_method"),
                        row.getObject("created_at"),
                        row.getObject("updated_at")));
    }

    @Bean
    Report fulfillmentOrdersReport() {
        List<String> columns =
                columns("id order_id channel account_id location delivery_group_id status created_at updated_at");
        return Report.ofColumns("fulfillment-orders", columns, """
                SELECT f.id, f.order_id, o.channel, o.account_id, f.location, f.delivery_group_id, f.status,
                    f.created_at, f.updated_at
                FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id""", "f.created_at", "f.created_at, f.id");
    }

    /** Invoices recorded on their order (after their capture), with the amounts of the posted document. */
    @Bean
    Report invoicesReport(JsonMapper json) {
        return new Report(
                "invoices",
                columns("number order_id channel account_id fulfillment_order_id shipment_id currency posted_at"
                        + " payment_terms due_date products adjustments charges tax total"),
                """
                SELECT i.number, o.channel, o.account_id, i.document, i.posted_at
                FROM invoices i JOIN orders o ON o.id = i.order_id AND NOT i.pending""",
                "i.posted_at",
                "i.posted_at, i.number",
                row -> {
                    Invoice invoice = json.readValue(row.getString("document"), Invoice.class);
                    return Arrays.asList(
                            invoice.number(),
                            invoice.orderId(),
                            row.getString("channel"),
                            row.getString("account_id"),
                            invoice.fulfillmentOrderId(),
                            invoice.shipmentId(),
                            invoice.currency(),
                            invoice.postedAt(),
                            invoice.paymentTerms(),
                            invoice.dueDate(),
                            invoice.products(),
                            invoice.adjustments(),
                            invoice.chargesTotal(),
                            invoice.tax(),
                            invoice.total());
                });
    }

    /**
     * Credit memos (returned units, appeasements) with their amounts; {@code return_order} is empty for an
     * appeasement.
     */
    @Bean
    Report creditMemosReport(JsonMapper json) {
        return new Report(
                "credit-memos",
                columns("number order_id channel account_id return_order status currency created_at updated_at net"
                        + " tax total"),
                """
                SELECT m.document, o.channel, o.account_id, m.created_at, m.updated_at
                FROM credit_memos m JOIN orders o ON o.id = m.order_id""",
                "m.created_at",
                "m.created_at, m.number",
                row -> {
                    CreditMemo memo = json.readValue(row.getString("document"), CreditMemo.class);
                    return Arrays.asList(
                            memo.number(),
                            memo.orderId(),
                            row.getString("channel"),
                            row.getString("account_id"),
                            memo.returnOrder(),
                            memo.status().name(),
                            memo.currency(),
                            row.getObject("created_at"),
                            row.getObject("updated_at"),
                            memo.net(),
                            memo.tax(),
                            memo.total());
                });
    }

    /** Every call to the payment gateway (authorisations, captures, voids, refunds) with its outcome. */
    @Bean
    Report paymentsReport() {
        return new Report(
                "payments",
                columns("id order_id channel account_id kind outcome currency amount reference at"),
                """
                SELECT p.id, p.order_id, o.channel, o.account_id, p.kind, p.outcome, o.currency, p.amount,
                    p.reference, p.at
                FROM payment_transactions p JOIN orders o ON o.id = p.order_id""",
                "p.at",
                "p.at, p.id",
                row -> Arrays.asList(
                        row.getLong("id"),
                        row.getString("order_id"),
                        row.getString("channel"),
                        row.getString("account_id"),
                        row.getString("kind"),
                        row.getString("outcome"),
                        row.getString("currency"),
                        money(row, "amount", row.getString("currency")),
                        row.getString("reference"),
                        row.getObject("at")));
    }

    /** Return orders (RMA) with their units requested, received and restocked. */
    @Bean
    Report returnsReport(JsonMapper json) {
        return new Report(
                "returns",
                columns("number order_id channel account_id status reason quantity received restocked created_at"
                        + " updated_at"),
                """
                SELECT r.number, o.channel, o.account_id, r.document
                FROM return_orders r JOIN orders o ON o.id = r.order_id""",
                "r.created_at",
                "r.created_at, r.number",
                row -> {
                    ReturnOrder rma = json.readValue(row.getString("document"), ReturnOrder.class);
                    return Arrays.asList(
                            rma.number(),
                            rma.orderId(),
                            row.getString("channel"),
                            row.getString("account_id"),
                            rma.status().name(),
                            reasons(rma),
                            rma.lines().stream()
                                    .mapToLong(ReturnOrder.Line::quantity)
                                    .sum(),
                            rma.lines().stream()
                                    .mapToLong(ReturnOrder.Line::received)
                                    .sum(),
                            rma.lines().stream()
                                    .mapToLong(ReturnOrder.Line::restocked)
                                    .sum(),
                            rma.createdAt(),
                            rma.updatedAt());
                });
    }

    /** Why the units come back (its lines' reasons), else why the return was rejected or cancelled. */
    private static String reasons(ReturnOrder rma) {
        String lines = rma.lines().stream()
                .map(ReturnOrder.Line::reason)
                .filter(r -> r != null && !r.isBlank())
                .distinct()
                .collect(Collectors.joining("; "));
        return lines.isEmpty() ? rma.reason() : lines;
    }

    private static List<String> columns(String names) {
        return List.of(names.split(" "));
    }

    private static BigDecimal money(ResultSet row, String column, String currency) throws SQLException {
        BigDecimal amount = row.getBigDecimal(column);
        return amount == null
                ? null
                : amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
    }
}
