package dev.orderhub.api;

import dev.orderhub.servicing.Reship;
import dev.orderhub.servicing.ReshipRequest;
import dev.orderhub.servicing.Reships;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Reships of the public REST contract: shipped units sent again at no charge. */
@RestController
class ReshipsController {
    private final Reships reships;

    ReshipsController(Reships reships) {
        this.reships = reships;
    }

    @PostMapping("/api/orders/{id}/reships")
    @ResponseStatus(HttpStatus.CREATED)
    Reship reship(@PathVariable String id, @RequestBody ReshipRequest request) {
        return reships.reship(id, request);
    }
}
