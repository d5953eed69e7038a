package dev.orderhub.api;

import dev.orderhub.credit.Adjusted;
import dev.orderhub.credit.AdjustmentRequest;
import dev.orderhub.credit.Appeasements;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Adjustments after the fact (appeasements) of the public REST contract. */
@RestController
class AdjustmentsController {
    private final Appeasements appeasements;

    AdjustmentsController(Appeasements appeasements) {
        this.appeasements = appeasements;
    }

    @PostMapping("/api/orders/{id}/adjustments")
    Adjusted adjust(@PathVariable String id, @RequestBody AdjustmentRequest request) {
        return appeasements.adjust(id, request);
    }
}
