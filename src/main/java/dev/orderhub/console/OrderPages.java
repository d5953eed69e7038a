package dev.orderhub.console;

import dev.orderhub.credit.AdjustmentRequest;
import dev.orderhub.credit.Appeasements;
import dev.orderhub.credit.CreditMemoBook;
import dev.orderhub.credit.ServicingPreviews;
import dev.orderhub.exception.ProcessException;
import dev.orderhub.exception.ProcessExceptionFilter;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.fulfillment.FulfillmentOrders;
import dev.orderhub.fulfillment.Shipments;
import dev.orderhub.invoice.Invoices;
import dev.orderhub.order.Order;
import dev.orderhub.payment.PaymentTransactions;
import dev.orderhub.pipeline.Approvals;
import dev.orderhub.servicing.CancelRequest;
import dev.orderhub.servicing.Cancellation;
import dev.orderhub.servicing.ReshipRequest;
import dev.orderhub.servicing.Reships;
import dev.orderhub.servicing.ReturnRequest;
import dev.orderhub.servicing.Returns;
import dev.orderhub.store.Orders;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Order search and an order's page with its timeline and the actions an operator may take. */
@Controller
class OrderPages {
    private static final int PAGE_SIZE = 25;

    private final ConsoleQueries queries;
    private final Orders orders;
    private final FulfillmentOrders fulfillmentOrders;
    private final Shipments shipments;
    private final Invoices invoices;
    private final Returns returns;
    private final PaymentTransactions transactions;
    private final ProcessExceptions exceptions;
    private final Approvals approvals;
    private final Cancellation cancellation;
    private final ServicingPreviews previews;
    private final Appeasements appeasements;
    private final CreditMemoBook creditMemos;
    private final Reships reships;

    OrderPages(
            ConsoleQueries queries,
            Orders orders,
            FulfillmentOrders fulfillmentOrders,
            Shipments shipments,
            Invoices invoices,
            Returns returns,
            PaymentTransactions transactions,
            ProcessExceptions exceptions,
            Approvals approvals,
            Cancellation cancellation,
            ServicingPreviews previews,
            Appeasements appeasements,
            CreditMemoBook creditMemos,
            Reships reships) {
        this.queries = queries;
        this.orders = orders;
        this.fulfillmentOrders = fulfillmentOrders;
        this.shipments = shipments;
        this.invoices = invoices;
        this.returns = returns;
        this.transactions = transactions;
        this.exceptions = exceptions;
        this.approvals = approvals;
        this.cancellation = cancellation;
        this.previews = previews;
        this.appeasements = appeasements;
        this.creditMemos = creditMemos;
        this.reships = reships;
    }

    @GetMapping("/console/orders")
    String search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String account,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        OrderSearchForm search = new OrderSearchForm(q, channel, status, account, from, to);
        int current = Math.max(page, 0);
        model.addAttribute("search", search);
        try {
            ConsoleQueries.OrderSearch query = search.search();
            long total = queries.orderCount(query);
            model.addAttribute("rows", queries.orders(query, current, PAGE_SIZE));
            model.addAttribute("statusCounts", queries.orderStatusCounts(query));
            model.addAttribute("total", total);
            model.addAttribute("pages", (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
            model.addAttribute("problem", null);
        } catch (DateTimeParseException e) {
            model.addAttribute("rows", List.of());
            model.addAttribute("statusCounts", List.of());
            model.addAttribute("total", 0L);
            model.addAttribute("pages", 1);
            model.addAttribute("problem", e.getMessage());
        }
        model.addAttribute("page", current);
        return "console/orders";
    }

    @GetMapping("/console/orders/{id}")
    String order(@PathVariable String id, Model model) {
        Order order = orders.get(id);
        List<ProcessException> raised = exceptions
                .list(new ProcessExceptionFilter(null, null, null, id, null, null), 0, 200)
                .items();
        model.addAttribute("order", order);
        model.addAttribute("fulfillmentOrders", fulfillmentOrders.ofOrder(id));
        model.addAttribute("shipments", shipments.ofOrder(id));
        model.addAttribute("invoices", invoices.ofOrder(id));
        model.addAttribute("returns", returns.ofOrder(id));
        model.addAttribute("creditMemos", creditMemos.ofOrder(id));
        model.addAttribute("reships", reships.ofOrder(id));
        model.addAttribute("transactions", transactions.of(id));
        model.addAttribute("exceptions", raised);
        model.addAttribute("timeline", timeline(id, raised));
        return "console/order";
    }

    private List<TimelineEntry> timeline(String id, List<ProcessException> raised) {
        List<TimelineEntry> timeline = new ArrayList<>();
        orders.history(id, 0, 500)
                .items()
                .forEach(h -> timeline.add(new TimelineEntry(
                        h.at(), "history", h.action(), join(move(h.fromStatus(), h.toStatus()), h.detail()), null)));
        queries.eventsOf(id)
                .forEach(e -> timeline.add(new TimelineEntry(e.at(), "event", e.type(), e.destination(), null)));
        raised.forEach(pe -> timeline.add(new TimelineEntry(
                pe.createdAt(),
                "exception",
                pe.number() + " " + pe.category(),
                pe.status() + ": " + pe.message(),
                "/console/process-exceptions/" + pe.number())));
        timeline.sort(Comparator.comparing(TimelineEntry::at));
        return timeline;
    }

    private static String move(String from, String to) {
        if (to == null) {
            return "";
        }
        return from == null ? to : from + " → " + to;
    }

    private static String join(String a, String b) {
        if (b == null || b.isBlank()) {
            return a;
        }
        return a.isEmpty() ? b : a + " · " + b;
    }

    @PostMapping("/console/orders/{id}/approve")
    String approve(@PathVariable String id, RedirectAttributes flash) {
        return act(id, flash, "order.done.approve", () -> approvals.approve(id));
    }

    @PostMapping("/console/orders/{id}/reject")
    String reject(@PathVariable String id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return act(id, flash, "order.done.reject", () -> approvals.reject(id, reason));
    }

    /** The first step of a cancel: the order's page with what the cancel would change, and a submit to confirm it. */
    @PostMapping("/console/orders/{id}/cancel/preview")
    String previewCancel(
            @PathVariable String id,
            @RequestParam(required = false) String reason,
            Model model,
            RedirectAttributes flash) {
        try {
            model.addAttribute("cancelPreview", previews.canceled(id, cancelRequest(reason)));
        } catch (RuntimeException refused) {
            flash.addFlashAttribute("failure", refused.getMessage());
            return redirect(id);
        }
        model.addAttribute("cancelReason", reason);
        return order(id, model);
    }

    @PostMapping("/console/orders/{id}/cancel")
    String cancel(@PathVariable String id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return act(id, flash, "order.done.cancel", () -> cancellation.cancel(id, cancelRequest(reason)));
    }

    private static CancelRequest cancelRequest(String reason) {
        return new CancelRequest(
                CancelRequest.everything().lines(), ConsoleQueries.present(reason) ? reason.strip() : null);
    }

    /** An appeasement: an amount or a percent of one line, or an amount spread over the order, and a reason. */
    @PostMapping("/console/orders/{id}/adjust")
    String adjust(
            @PathVariable String id,
            @RequestParam(required = false) String lineId,
            @RequestParam(required = false) BigDecimal amount,
            @RequestParam(required = false) BigDecimal percent,
            @RequestParam(required = false) BigDecimal orderAmount,
            @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        List<AdjustmentRequest.Line> lines = ConsoleQueries.present(lineId)
                ? List.of(new AdjustmentRequest.Line(lineId, amount, percent))
                : List.of();
        return act(
                id,
                flash,
                "order.done.adjust",
                () -> appeasements.adjust(id, new AdjustmentRequest(lines, orderAmount, reason)));
    }

    /** The fields of a reship's or a return's form: units of one line, and why. */
    record LineUnits(String lineId, int quantity, String reason) {}

    @PostMapping("/console/orders/{id}/reship")
    String reship(@PathVariable String id, LineUnits units, RedirectAttributes flash) {
        return act(
                id,
                flash,
                "order.done.reship",
                () -> reships.reship(
                        id,
                        new ReshipRequest(
                                List.of(new ReshipRequest.Line(units.lineId(), units.quantity())), units.reason())));
    }

    @PostMapping("/console/orders/{id}/return")
    String requestReturn(@PathVariable String id, LineUnits units, RedirectAttributes flash) {
        return act(
                id,
                flash,
                "order.done.return",
                () -> returns.request(
                        id,
                        new ReturnRequest(
                                List.of(new ReturnRequest.Line(units.lineId(), units.quantity(), units.reason(), null)),
                                null,
                                null)));
    }

    private static String act(String id, RedirectAttributes flash, String done, Supplier<?> action) {
        Outcomes.act(flash, done, action);
        return redirect(id);
    }

    private static String redirect(String id) {
        return "redirect:/console/orders/"
                + UriComponentsBuilder.fromPath(id).encode().build().toUriString();
    }
}
