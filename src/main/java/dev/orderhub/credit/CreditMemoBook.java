package dev.orderhub.credit;

import dev.orderhub.store.Page;
import java.util.List;
import org.springframework.stereotype.Service;

/** The credit memos as the REST contract and the order summary show them. */
@Service
public class CreditMemoBook {
    private final CreditMemos memos;

    CreditMemoBook(CreditMemos memos) {
        this.memos = memos;
    }

    public CreditMemo get(String number) {
        return memos.find(number).orElseThrow(() -> new CreditMemoNotFoundException(number));
    }

    /** The order's credit memos, oldest first. */
    public List<CreditMemo> ofOrder(String orderId) {
        return memos.ofOrder(orderId);
    }

    /** One page of the order's credit memos, oldest first, as every list of the REST contract answers. */
    public Page<CreditMemo> ofOrder(String orderId, int page, int size) {
        return new Page<>(memos.ofOrder(orderId, page, size), page, size, memos.countOf(orderId));
    }
}
