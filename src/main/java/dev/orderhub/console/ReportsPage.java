package dev.orderhub.console;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The prebuilt reports with download buttons: the form asks {@code GET /api/reports/{name}} itself, which accepts a
 * console session without an API key (api/SecurityConfiguration).
 */
@Controller
class ReportsPage {
    static final List<String> REPORTS =
            List.of("orders", "fulfillment-orders", "invoices", "credit-memos", "payments", "returns");

    @GetMapping("/console/reports")
    String reports(Model model) {
        model.addAttribute("reports", REPORTS);
        return "console/reports";
    }
}
