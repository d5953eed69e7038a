package dev.orderhub.api;

import dev.orderhub.credit.ServicingPreviews;
import dev.orderhub.servicing.ReceiptRequest;
import dev.orderhub.servicing.ReturnOrder;
import dev.orderhub.servicing.ReturnRequest;
import dev.orderhub.servicing.ReturnStatus;
import dev.orderhub.servicing.Returns;
import dev.orderhub.store.Page;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Return orders (RMA) of the public REST contract; {@code {rma}} is a return order's number. */
@RestController
class ReturnsController {
    private final Returns returns;
    private final ServicingPreviews previews;

    ReturnsController(Returns returns, ServicingPreviews previews) {
        this.returns = returns;
        this.previews = previews;
    }

    /** 201 with the return order; with {@code preview=true} 200 with what it would change, nothing written. */
    @PostMapping("/api/orders/{id}/returns")
    ResponseEntity<Object> request(
            @PathVariable String id,
            @RequestBody ReturnRequest request,
            @RequestParam(defaultValue = "false") boolean preview) {
        if (preview) {
            return ResponseEntity.ok(previews.returned(id, request));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(returns.request(id, request));
    }

    @GetMapping("/api/return-orders")
    Page<ReturnOrder> list(
            @RequestParam(required = false) String orderId,
            @RequestParam(required = false) ReturnStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return returns.list(orderId, status, Math.max(page, 0), Math.min(Math.max(size, 1), 200));
    }

    @GetMapping("/api/return-orders/{rma}")
    ReturnOrder get(@PathVariable String rma) {
        return returns.get(rma);
    }

    @PostMapping("/api/return-orders/{rma}/authorize")
    ReturnOrder authorize(@PathVariable String rma) {
        return returns.authorize(rma);
    }

    @PostMapping("/api/return-orders/{rma}/reject")
    ReturnOrder reject(@PathVariable String rma, @RequestBody(required = false) Map<String, String> body) {
        return returns.reject(rma, body == null ? null : body.get("reason"));
    }

    @PostMapping("/api/return-orders/{rma}/cancel")
    ReturnOrder cancel(@PathVariable String rma) {
        return returns.cancel(rma);
    }

    /** A repeated receiptId answers the return order as it stands. */
    @PostMapping("/api/return-orders/{rma}/receipts")
    ReturnOrder receive(@PathVariable String rma, @RequestBody ReceiptRequest receipt) {
        return returns.receive(rma, receipt);
    }
}
