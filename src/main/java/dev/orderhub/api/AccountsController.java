package dev.orderhub.api;

import dev.orderhub.account.AccountStatement;
import dev.orderhub.account.PaymentRequest;
import dev.orderhub.account.PaymentsReceived;
import dev.orderhub.store.AccountLedger.ReceivedPayment;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** B2B accounts: what an account owes and its open invoices, and the payments it sends. */
@RestController
class AccountsController {
    private final PaymentsReceived payments;

    AccountsController(PaymentsReceived payments) {
        this.payments = payments;
    }

    @GetMapping("/api/accounts/{id}")
    Map<String, Object> account(@PathVariable String id) {
        AccountStatement statement = payments.statement(id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accountId", statement.accountId());
        answer.put("name", statement.name());
        answer.put("terms", statement.terms());
        answer.put("creditLimit", statement.creditLimit());
        answer.put("blocked", statement.blocked());
        answer.put("balance", statement.balance());
        answer.put("openInvoices", statement.openInvoices());
        answer.put(
                "payments",
                statement.payments().stream().map(AccountsController::payment).toList());
        return answer;
    }

    /** 201 for a new payment, 200 when this reference was already recorded for the same amount. */
    @PostMapping("/api/accounts/{id}/payments")
    @ApiResponse(responseCode = "201", description = "A new payment, applied", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "200",
            description = "This reference was already recorded for the same amount: nothing changes",
            useReturnTypeSchema = true)
    ResponseEntity<Map<String, Object>> receive(@PathVariable String id, @RequestBody PaymentRequest request) {
        PaymentsReceived.Recorded recorded = payments.record(id, request);
        Map<String, Object> answer = payment(recorded.payment());
        answer.put("created", recorded.created());
        return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(answer);
    }

    private static Map<String, Object> payment(ReceivedPayment payment) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accountId", payment.accountId());
        answer.put("reference", payment.reference());
        answer.put("amount", payment.amount());
        answer.put("currency", payment.currency());
        answer.put("receivedAt", payment.receivedAt());
        answer.put("applied", payment.applied());
        answer.put("unapplied", payment.unapplied());
        return answer;
    }
}
