package dev.orderhub.console;

import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page and the dashboard: orders per status, channel and minute, open exceptions, backorders. */
@Controller
class DashboardPage {
    private static final Duration WINDOW = Duration.ofHours(3);

    private final ConsoleQueries queries;

    DashboardPage(ConsoleQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/console/sign-in")
    String signIn(
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String signedOut,
            Model model) {
        model.addAttribute("error", error != null);
        model.addAttribute("signedOut", signedOut != null);
        return "console/sign-in";
    }

    @GetMapping({"/console", "/console/"})
    String dashboard(Model model) {
        Instant now = Instant.now();
        model.addAttribute("perStatus", BarChart.horizontal(queries.ordersPerStatus()));
        model.addAttribute("perChannel", BarChart.horizontal(queries.ordersPerChannel()));
        model.addAttribute("perMinute", BarChart.columns(queries.ordersPerMinute(now.minus(WINDOW), now)));
        model.addAttribute("exceptionsPerCategory", BarChart.horizontal(queries.openExceptionsPerCategory()));
        model.addAttribute("oldestException", queries.oldestOpenException().orElse(null));
        model.addAttribute("backorders", BarChart.horizontal(queries.backordersPerSku(15)));
        return "console/dashboard";
    }
}
