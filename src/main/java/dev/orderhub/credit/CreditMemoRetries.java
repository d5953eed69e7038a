package dev.orderhub.credit;

import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.servicing.Returns;
import org.springframework.stereotype.Service;

/**
 * An operator's retry of a credit memo's process exception (route credit-memo-refund-replay): the memo's refunds are
 * asked again with their keys; once answered the exception is resolved and the memo's return order, RECEIVED with
 * every memo settled, is CLOSED. A failure is thrown to the replay's error policy, which records it on the exception.
 */
@Service
public class CreditMemoRetries {
    private final CreditMemoRefunds refunds;
    private final Returns returns;
    private final ProcessExceptions exceptions;

    CreditMemoRetries(CreditMemoRefunds refunds, Returns returns, ProcessExceptions exceptions) {
        this.refunds = refunds;
        this.returns = returns;
        this.exceptions = exceptions;
    }

    public void replay(String memoNumber, String processException) {
        CreditMemo memo = refunds.refund(memoNumber.strip());
        exceptions.resolvedByRetry(processException, memo.number() + " refunded on retry");
        if (memo.returnOrder() != null && refunds.settled(memo.orderId(), memo.returnOrder())) {
            returns.close(memo.returnOrder(), "what its receipts gave back is settled");
        }
    }
}
