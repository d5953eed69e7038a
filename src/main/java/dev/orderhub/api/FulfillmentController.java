package dev.orderhub.api;

import dev.orderhub.fulfillment.FulfillmentOrders;
import dev.orderhub.fulfillment.Inventory;
import dev.orderhub.fulfillment.ShipmentConfirmation;
import dev.orderhub.fulfillment.Shipping;
import dev.orderhub.invoice.Invoicing;
import dev.orderhub.store.OrderNotFoundException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shipment confirmations over REST and stock availability. */
@RestController
class FulfillmentController {
    private final Shipping shipping;
    private final Invoicing invoicing;
    private final FulfillmentOrders fulfillmentOrders;
    private final Inventory inventory;

    FulfillmentController(
            Shipping shipping, Invoicing invoicing, FulfillmentOrders fulfillmentOrders, Inventory inventory) {
        this.shipping = shipping;
        this.invoicing = invoicing;
        this.fulfillmentOrders = fulfillmentOrders;
        this.inventory = inventory;
    }

    /** 201 for a new shipment, 200 when this shipment id was already recorded. */
    @PostMapping("/api/fulfillment-orders/{id}/shipments")
    @ApiResponse(responseCode = "201", description = "A new shipment, invoiced", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "200",
            description = "This fulfillment order already has this shipmentId: nothing changes",
            useReturnTypeSchema = true)
    ResponseEntity<Map<String, Object>> ship(@PathVariable String id, @RequestBody ShipmentConfirmation body) {
        String orderId = fulfillmentOrders
                .find(id)
                .orElseThrow(() -> new OrderNotFoundException("fulfillment order " + id))
                .orderId();
        ShipmentConfirmation confirmation = new ShipmentConfirmation(
                id,
                body.shipmentId(),
                body.carrier(),
                body.service(),
                body.trackingNumber(),
                body.shippedAt(),
                body.lines());
        String shipmentId = shipping.confirm(confirmation);
        if (shipmentId != null) {
            invoicing.invoiceOrder(orderId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("shipmentId", body.shipmentId());
        answer.put("orderId", orderId);
        answer.put("created", shipmentId != null);
        return ResponseEntity.status(shipmentId != null ? HttpStatus.CREATED : HttpStatus.OK)
                .body(answer);
    }

    @GetMapping("/api/inventory/availability")
    Map<String, Object> availability(@RequestParam String sku) {
        List<Inventory.Level> levels = inventory.levels(sku);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sku", sku);
        answer.put(
                "available",
                levels.stream().mapToInt(Inventory.Level::available).sum());
        answer.put("locations", levels);
        return answer;
    }
}
