package dev.orderhub.api;

import dev.orderhub.credit.ServicingPreviews;
import dev.orderhub.intake.OrderIntake;
import dev.orderhub.lifecycle.OrderStatus;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderValidator;
import dev.orderhub.order.Source;
import dev.orderhub.pipeline.Approvals;
import dev.orderhub.servicing.CancelRequest;
import dev.orderhub.servicing.Cancellation;
import dev.orderhub.store.HistoryEntry;
import dev.orderhub.store.Intake;
import dev.orderhub.store.OrderQuery;
import dev.orderhub.store.Orders;
import dev.orderhub.store.Page;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The order endpoints of the public REST contract. */
@RestController
@RequestMapping("/api/orders")
class OrdersController {
    private final OrderValidator validator;
    private final OrderIntake intake;
    private final Orders orders;
    private final OrderSummaries summaries;
    private final Cancellation cancellation;
    private final Approvals approvals;
    private final ServicingPreviews previews;

    OrdersController(
            OrderValidator validator,
            OrderIntake intake,
            Orders orders,
            OrderSummaries summaries,
            Cancellation cancellation,
            Approvals approvals,
            ServicingPreviews previews) {
        this.validator = validator;
        this.approvals = approvals;
        this.intake = intake;
        this.orders = orders;
        this.summaries = summaries;
        this.cancellation = cancellation;
        this.previews = previews;
    }

    /**
     * 202 for a new order, 200 with the same id for one already received from this channel; 403 for an order of a
     * channel the key is not for, or PREPAID from a key not trusted with it.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "202", description = "A new order, received: its id", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "200",
            description = "An order this channel sent before: the same id, nothing stored twice",
            useReturnTypeSchema = true)
    ResponseEntity<Map<String, String>> submit(@RequestBody byte[] body, @AuthenticationPrincipal ApiKeyPrincipal key) {
        Order order = validator.parse(body);
        key.checkChannel(order);
        key.checkPrepaid(order);
        Intake result = intake.submit(order, Source.of("rest", "POST /api/orders"));
        return ResponseEntity.status(result.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(Map.of("id", result.id(), "status", result.status().name()));
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return summaries.summary(orders.get(id));
    }

    @GetMapping
    Page<Map<String, Object>> list(
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String externalOrderId,
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Page<Order> found = orders.list(new OrderQuery(
                channel,
                externalOrderId,
                status == null ? null : status.name(),
                Math.max(page, 0),
                Math.min(Math.max(size, 1), 200)));
        return new Page<>(
                found.items().stream().map(OrderSummaries::listItem).toList(),
                found.page(),
                found.size(),
                found.total());
    }

    @GetMapping("/{id}/history")
    Page<HistoryEntry> history(
            @PathVariable String id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return orders.history(id, Math.max(page, 0), Math.min(Math.max(size, 1), 500));
    }

    @PostMapping("/{id}/approve")
    Map<String, Object> approve(@PathVariable String id) {
        return summaries.summary(approvals.approve(id));
    }

    @PostMapping("/{id}/reject")
    Map<String, Object> reject(@PathVariable String id, @RequestBody(required = false) Map<String, String> body) {
        return summaries.summary(approvals.reject(id, body == null ? null : body.get("reason")));
    }

    /** The order summary after the cancel; with {@code preview=true} what it would change, nothing written. */
    @PostMapping("/{id}/cancel")
    Object cancel(
            @PathVariable String id,
            @RequestBody(required = false) CancelRequest request,
            @RequestParam(defaultValue = "false") boolean preview) {
        CancelRequest wanted = request == null ? CancelRequest.everything() : request;
        if (preview) {
            return previews.canceled(id, wanted);
        }
        return summaries.summary(cancellation.cancel(id, wanted));
    }
}
