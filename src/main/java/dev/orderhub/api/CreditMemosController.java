package dev.orderhub.api;

import dev.orderhub.credit.CreditMemo;
import dev.orderhub.credit.CreditMemoBook;
import dev.orderhub.store.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Credit memos of the public REST contract; {@code {number}} is a credit memo's number (CM-00000001). */
@RestController
class CreditMemosController {
    private final CreditMemoBook book;

    CreditMemosController(CreditMemoBook book) {
        this.book = book;
    }

    @GetMapping("/api/credit-memos/{number}")
    CreditMemo get(@PathVariable String number) {
        return book.get(number);
    }

    /** The order's credit memos, oldest first, a page at a time like every list. */
    @GetMapping("/api/credit-memos")
    Page<CreditMemo> list(
            @RequestParam String orderId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return book.ofOrder(orderId, Math.max(page, 0), Math.min(Math.max(size, 1), 200));
    }
}
