package dev.orderhub.api;

import dev.orderhub.fulfillment.ErpConfirmations;
import dev.orderhub.fulfillment.ShipmentConfirmation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shipment confirmations from an ERP over HTTP (connector type erp/http): the message of the JMS contract's queue
 * orderhub.erp.confirmations, processed the same way; the same shipment id again changes nothing.
 */
@RestController
class ErpController {
    private final ErpConfirmations confirmations;

    ErpController(ErpConfirmations confirmations) {
        this.confirmations = confirmations;
    }

    /** 202 with {@code created} false when this shipment was recorded before. */
    @PostMapping("/api/erp/confirmations")
    @ApiResponse(
            responseCode = "202",
            description = "Confirmed; created is false when this shipment was recorded before",
            useReturnTypeSchema = true)
    ResponseEntity<Map<String, Object>> confirm(@RequestBody ShipmentConfirmation body) {
        boolean created = confirmations.confirm(body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fulfillmentOrderId", body.fulfillmentOrderId());
        answer.put("shipmentId", body.shipmentId());
        answer.put("created", created);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }
}
