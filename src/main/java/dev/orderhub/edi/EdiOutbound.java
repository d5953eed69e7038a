package dev.orderhub.edi;

import dev.orderhub.credit.CreditMemo;
import dev.orderhub.credit.CreditMemoBook;
import dev.orderhub.event.EventType;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.fulfillment.FulfillmentOrders;
import dev.orderhub.fulfillment.Shipment;
import dev.orderhub.intake.Partner;
import dev.orderhub.intake.Partners;
import dev.orderhub.invoice.Invoice;
import dev.orderhub.invoice.Invoices;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLine;
import dev.orderhub.servicing.ReturnOrder;
import dev.orderhub.servicing.Returns;
import dev.orderhub.shared.Headers;
import dev.orderhub.store.Orders;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns order events of EDI partners' orders into X12: an 855 once the order is ACCEPTED or REJECTED, an 856 per
 * shipment, an 810 per invoice, a 180 per return order once it is AUTHORIZED (and one cancelling it if it is then
 * cancelled), an 812 per credit memo — each only when
 * the partner's profile lists that set as outbound. The document goes to the outbox under the event's id, so that an
 * event delivered again writes no second document.
 */
@Component
class EdiOutbound {
    private final Orders orders;
    private final Partners partners;
    private final FulfillmentOrders fulfillmentOrders;
    private final EdiOutbox outbox;
    private final ProcessExceptions exceptions;
    private final Returns returns;
    private final CreditMemoBook creditMemos;
    private final Invoices invoices;
    private final JsonMapper json;

    EdiOutbound(
            Orders orders,
            Partners partners,
            FulfillmentOrders fulfillmentOrders,
            EdiOutbox outbox,
            ProcessExceptions exceptions,
            Returns returns,
            CreditMemoBook creditMemos,
            Invoices invoices,
            JsonMapper json) {
        this.returns = returns;
        this.creditMemos = creditMemos;
        this.invoices = invoices;
        this.orders = orders;
        this.exceptions = exceptions;
        this.partners = partners;
        this.fulfillmentOrders = fulfillmentOrders;
        this.outbox = outbox;
        this.json = json;
    }

    public void onEvent(String cloudEvent) {
        JsonNode event = json.readTree(cloudEvent);
        String messageId = "partner-edi:" + event.path("id").asString("");
        if (outbox.written(messageId)) {
            return;
        }
        Optional<EventType> type = EventType.of(event.path("type").asString(""));
        JsonNode data = event.path("data");
        Optional<Order> found = orders.find(event.path("subject").asString(""));
        if (type.isEmpty()
                || found.isEmpty()
                || found.get().source() == null
                || !"edi".equals(found.get().source().kind())) {
            return;
        }
        Order order = found.get();
        Optional<Partner> partner = partners.find(order.channel()).filter(p -> p.x12() != null);
        if (partner.isEmpty()) {
            return;
        }
        switch (type.get()) {
            case ORDER_STATUS_CHANGED -> {
                String to = data.path("to").asString("");
                if (("ACCEPTED".equals(to) || "REJECTED".equals(to)) && sends(partner.get(), "855")) {
                    write(
                            partner.get(),
                            order,
                            messageId,
                            outbox.writer()
                                    .poAck855(PartnerEnvelopes.of(partner.get()), poAck(order, "REJECTED".equals(to))));
                }
            }
            case SHIPMENT_CREATED -> {
                if (sends(partner.get(), "856")) {
                    Shipment shipment = json.treeToValue(data, Shipment.class);
                    write(
                            partner.get(),
                            order,
                            messageId,
                            outbox.writer()
                                    .shipNotice856(PartnerEnvelopes.of(partner.get()), shipNotice(order, shipment)));
                }
            }
            case INVOICE_CREATED -> {
                if (sends(partner.get(), "810")) {
                    Invoice invoice = json.treeToValue(data, Invoice.class);
                    write(
                            partner.get(),
                            order,
                            messageId,
                            outbox.writer()
                                    .invoice810(PartnerEnvelopes.of(partner.get()), invoiceDocument(order, invoice)));
                }
            }
            case RETURN_ORDER_STATUS_CHANGED -> {
                String to = data.path("to").asString("");
                boolean authorized = "AUTHORIZED".equals(to);
                // a cancelled return the partner was told of is withdrawn by a 180 that cancels it
                boolean withdrawn = "CANCELLED".equals(to)
                        && "AUTHORIZED".equals(data.path("from").asString(""));
                if ((authorized || withdrawn) && sends(partner.get(), "180")) {
                    ReturnOrder returnOrder = returns.get(data.path("rma").asString(""));
                    write(
                            partner.get(),
                            order,
                            messageId,
                            outbox.writer()
                                    .returnAuthorization180(
                                            PartnerEnvelopes.of(partner.get()),
                                            returnAuthorization(order, returnOrder, eventTime(event), withdrawn)));
                }
            }
            case CREDIT_MEMO_CREATED -> {
                if (sends(partner.get(), "812")) {
                    CreditMemo memo = creditMemos.get(data.path("number").asString(""));
                    write(
                            partner.get(),
                            order,
                            messageId,
                            outbox.writer()
                                    .creditAdjustment812(
                                            PartnerEnvelopes.of(partner.get()),
                                            creditAdjustment(order, memo, invoices.ofOrder(order.id()))));
                }
            }
            default -> {
                // other events mean nothing to a partner
            }
        }
    }

    /**
     * An operator's retry of an event this step failed on: the step runs again for that event only (nothing is
     * published), and once it went through the exception is resolved.
     */
    public void replay(String cloudEvent, @Header(Headers.PE_NUMBER) String number) {
        onEvent(cloudEvent);
        exceptions.resolvedByRetry(number, "the partner document step went through for the event");
    }

    private void write(Partner partner, Order order, String messageId, X12Document document) {
        outbox.write(partner.id(), document, order.id(), messageId);
    }

    private static boolean sends(Partner partner, String set) {
        for (JsonNode outbound : partner.x12().path("outbound")) {
            if (set.equals(outbound.asString())) {
                return true;
            }
        }
        return false;
    }

    static PoAck poAck(Order order, boolean rejected) {
        List<PoAck.Line> lines = order.lines().stream()
                .map(l -> {
                    int net = l.quantities().net();
                    PoAck.LineStatus status = rejected || net == 0
                            ? PoAck.LineStatus.REJECTED
                            : net < l.quantities().ordered()
                                    ? PoAck.LineStatus.QUANTITY_CHANGED
                                    : PoAck.LineStatus.ACCEPTED;
                    return new PoAck.Line(
                            l.lineId(),
                            l.quantities().ordered(),
                            rejected ? 0 : net,
                            status,
                            l.unitPrice(),
                            l.sku(),
                            l.productIds());
                })
                .toList();
        PoAck.Status status = rejected
                ? PoAck.Status.REJECTED
                : lines.stream().allMatch(l -> l.status() == PoAck.LineStatus.ACCEPTED)
                        ? PoAck.Status.ACCEPTED
                        : PoAck.Status.ACCEPTED_WITH_CHANGES;
        return new PoAck(order.externalOrderId(), date(order), status, lines);
    }

    private ShipNotice shipNotice(Order order, Shipment shipment) {
        var shipTo = fulfillmentOrders
                .find(shipment.fulfillmentOrderId())
                .map(fo -> fo.shipTo())
                .orElse(null);
        List<ShipNotice.Line> lines = shipment.lines().stream()
                .map(s -> {
                    OrderLine line = order.line(s.lineId());
                    return new ShipNotice.Line(s.lineId(), line.sku(), line.productIds(), s.quantity());
                })
                .toList();
        return new ShipNotice(
                bsn02(shipment.id()),
                order.externalOrderId(),
                date(order),
                shipment.carrier(),
                shipment.service(),
                shipment.trackingNumber(),
                shipment.shippedAt(),
                shipTo,
                lines);
    }

    /**
     * The return order authorised (or, {@code cancellation}, cancelled) at the event's time; its lines and note do not
     * change after authorisation.
     */
    private static ReturnAuthorization returnAuthorization(
            Order order, ReturnOrder returnOrder, Instant at, boolean cancellation) {
        return new ReturnAuthorization(
                returnOrder.number(),
                order.externalOrderId(),
                date(order),
                at,
                returnOrder.note(),
                returnOrder.lines().stream()
                        .map(l -> new ReturnAuthorization.Line(
                                l.lineId(), l.sku(), order.line(l.lineId()).productIds(), l.quantity(), l.reason()))
                        .toList(),
                cancellation);
    }

    /**
     * The credit memo as an 812: a CDD per credited line (the memo's amounts, tax included; the order line's unit
     * price for returned units) and per charge given back. Returned units and their delivery charge are an authorised
     * return (72), an appeasement a pricing adjustment (01). The invoice adjusted is the latest one billing a credited
     * line, else the order's latest, if any.
     */
    static CreditAdjustment creditAdjustment(Order order, CreditMemo memo, List<Invoice> invoices) {
        boolean returned = memo.returnOrder() != null;
        String reason = returned ? CreditAdjustment.AUTHORIZED_RETURN : CreditAdjustment.PRICING;
        List<CreditAdjustment.Line> lines = new ArrayList<>();
        for (CreditMemo.Line credited : memo.lines()) {
            OrderLine line = order.line(credited.lineId());
            lines.add(new CreditAdjustment.Line(
                    credited.lineId(),
                    credited.sku(),
                    line.productIds(),
                    reason,
                    credited.quantity(),
                    credited.quantity() > 0 ? line.unitPrice() : null,
                    credited.total(),
                    null));
        }
        for (CreditMemo.Charge charge : memo.charges()) {
            lines.add(new CreditAdjustment.Line(
                    null,
                    null,
                    Map.of(),
                    reason,
                    0,
                    null,
                    charge.total(),
                    charge.type() + " charge of delivery group " + charge.deliveryGroupId()));
        }
        Invoice adjusted = invoices.stream()
                .filter(i -> i.lines().stream()
                        .anyMatch(l ->
                                memo.lines().stream().anyMatch(c -> c.lineId().equals(l.lineId()))))
                .reduce((first, second) -> second)
                .or(() -> invoices.stream().reduce((first, second) -> second))
                .orElse(null);
        return new CreditAdjustment(
                memo.number(),
                LocalDate.ofInstant(memo.createdAt(), ZoneOffset.UTC),
                memo.total(),
                memo.currency(),
                adjusted == null ? null : adjusted.number(),
                adjusted == null ? null : LocalDate.ofInstant(adjusted.postedAt(), ZoneOffset.UTC),
                order.externalOrderId(),
                date(order),
                lines);
    }

    private static InvoiceDocument invoiceDocument(Order order, Invoice invoice) {
        List<InvoiceDocument.Line> lines = invoice.lines().stream()
                .map(l -> new InvoiceDocument.Line(
                        l.lineId(),
                        l.sku(),
                        order.line(l.lineId()).productIds(),
                        l.quantity(),
                        l.unitPrice(),
                        l.description()))
                .toList();
        List<InvoiceDocument.Charge> charges = new ArrayList<>(invoice.charges().stream()
                .map(c -> new InvoiceDocument.Charge(c.type(), c.amount(), c.type()))
                .toList());
        if (invoice.adjustments().signum() != 0) {
            charges.add(new InvoiceDocument.Charge("DISCOUNT", invoice.adjustments(), "line adjustments"));
        }
        return new InvoiceDocument(
                invoice.number(),
                LocalDate.ofInstant(invoice.postedAt(), ZoneOffset.UTC),
                order.externalOrderId(),
                date(order),
                invoice.currency(),
                lines,
                invoice.tax(),
                charges,
                invoice.total());
    }

    /** BSN02 holds at most 30 characters; a longer ERP shipment id keeps its start and a digest of the whole. */
    static String bsn02(String shipmentId) {
        if (shipmentId.length() <= 30) {
            return shipmentId;
        }
        String digest = Integer.toHexString(shipmentId.hashCode() & 0x7fffffff);
        return shipmentId.substring(0, 30 - digest.length() - 1) + "-" + digest;
    }

    private static Instant eventTime(JsonNode event) {
        String time = event.path("time").asString("");
        return time.isEmpty() ? Instant.now() : OffsetDateTime.parse(time).toInstant();
    }

    private static LocalDate date(Order order) {
        return LocalDate.ofInstant(order.orderedAt(), ZoneOffset.UTC);
    }
}
