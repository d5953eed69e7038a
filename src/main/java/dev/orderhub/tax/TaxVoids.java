package dev.orderhub.tax;

import dev.orderhub.order.Order;
import dev.orderhub.servicing.CancelledOrder;
import org.springframework.stereotype.Component;

/** A cancelled order's recorded tax documents are voided with the tax service (after the cancel has committed). */
@Component
class TaxVoids implements CancelledOrder {
    private final TaxDocuments documents;

    TaxVoids(TaxDocuments documents) {
        this.documents = documents;
    }

    @Override
    public void cancelled(Order order) {
        documents.voidRecorded(order);
    }
}
