package dev.orderhub.api;

import dev.orderhub.credit.CreditMemo;
import dev.orderhub.credit.CreditMemoBook;
import java.util.List;
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

    @GetMapping("/api/credit-memos")
    List<CreditMemo> list(@RequestParam String orderId) {
        return book.ofOrder(orderId);
    }
}
