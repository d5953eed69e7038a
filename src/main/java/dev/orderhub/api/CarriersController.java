package dev.orderhub.api;

import dev.orderhub.fulfillment.EasyPostSignature;
import dev.orderhub.fulfillment.TrackingUpdates;
import dev.orderhub.order.FieldError;
import dev.orderhub.order.OrderValidationException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carriers' webhooks: EasyPost's events, authenticated by their HMAC signature (no API key), of which tracker updates
 * are recorded on the shipments they track.
 */
@RestController
class CarriersController {
    private final TrackingUpdates updates;
    private final JsonMapper json;

    CarriersController(TrackingUpdates updates, JsonMapper json) {
        this.updates = updates;
        this.json = json;
    }

    /**
     * 200 for an event (recorded, repeated or of a kind the hub does not use); 401 for a bad or missing signature,
     * 404 when the active carrier connector is not EasyPost: nothing is recorded.
     */
    @PostMapping(path = "/api/carriers/easypost/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "200",
            description = "The event: recorded, repeated or of a kind the hub does not use",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "The active carrier connector is not EasyPost")
    ResponseEntity<Map<String, Object>> easyPost(
            InputStream request, @RequestHeader(name = EasyPostSignature.HEADER, required = false) String signature)
            throws IOException {
        String secret = updates.easyPostWebhookSecret()
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "the active carrier connector is not EasyPost"));
        if (signature == null || signature.isBlank()) {
            throw new ChannelsController.WebhookSignatureException("the X-Hmac-Signature signature is missing");
        }
        byte[] body = request.readAllBytes();
        if (!EasyPostSignature.verify(body, signature, secret)) {
            throw new ChannelsController.WebhookSignatureException(
                    "the X-Hmac-Signature signature does not match the body");
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException malformed) {
            throw new OrderValidationException(List.of(new FieldError("$", "malformed JSON")));
        }
        return ResponseEntity.ok(Map.of("shipmentsUpdated", updates.easyPostEvent(event)));
    }
}
