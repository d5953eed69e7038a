package dev.orderhub.console;

import dev.orderhub.exception.ProcessException;
import dev.orderhub.exception.ProcessExceptionActions;
import dev.orderhub.exception.ProcessExceptions;
import dev.orderhub.store.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The process-exception queue, an exception's page and the actions on them, as the API does them. */
@Controller
class ExceptionPages {
    private static final int PAGE_SIZE = 25;

    private final ProcessExceptions exceptions;
    private final ProcessExceptionActions actions;
    private final ConsoleQueries queries;

    ExceptionPages(ProcessExceptions exceptions, ProcessExceptionActions actions, ConsoleQueries queries) {
        this.exceptions = exceptions;
        this.actions = actions;
        this.queries = queries;
    }

    @GetMapping("/console/process-exceptions")
    String queue(ExceptionQueue queue, @RequestParam(defaultValue = "0") int page, Model model) {
        int current = Math.max(page, 0);
        Page<ProcessException> found = exceptions.list(queue.filter(), current, PAGE_SIZE);
        model.addAttribute("queue", queue);
        model.addAttribute("found", found);
        model.addAttribute("pages", (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("counts", counts());
        return "console/exceptions";
    }

    /** Exceptions per status, for the queue's live counts. */
    @GetMapping(value = "/console/process-exceptions/counts", produces = "application/json")
    @ResponseBody
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ProcessException.Status status : ProcessException.Status.values()) {
            counts.put(status.name(), 0L);
        }
        queries.exceptionsPerStatus().forEach(count -> counts.put(count.key(), count.count()));
        return counts;
    }

    @GetMapping("/console/process-exceptions/{number}")
    String exception(@PathVariable String number, Model model) {
        ProcessException pe = exceptions.get(number);
        model.addAttribute("pe", pe);
        model.addAttribute(
                "original",
                pe.original() == null
                        ? null
                        : OriginalMessage.pretty(pe.original().body()));
        model.addAttribute(
                "rawOriginal", pe.original() == null ? null : pe.original().body());
        return "console/exception";
    }

    @PostMapping("/console/process-exceptions/{number}/replay")
    String replay(@PathVariable String number, @RequestParam String correctedBody, RedirectAttributes flash) {
        return act(number, flash, "exception.done.replay", () -> actions.retryCorrected(number, correctedBody));
    }

    @PostMapping("/console/process-exceptions/{number}/{action:triage|pause|ignore|void|resolve|retry}")
    String act(
            @PathVariable String number,
            @PathVariable String action,
            @RequestParam(required = false) String note,
            RedirectAttributes flash) {
        return act(
                number,
                flash,
                "exception.done." + action,
                () -> actions.act(number, action, note == null || note.isBlank() ? null : note));
    }

    /** Retries every exception of the queue's filter (NEW when no status is chosen, as the API does). */
    @PostMapping("/console/process-exceptions/retry")
    String retryAll(ExceptionQueue given, RedirectAttributes flash) {
        ExceptionQueue queue = new ExceptionQueue(
                given.status() != null ? given.status() : ProcessException.Status.NEW,
                given.category(),
                given.severity(),
                given.minAgeHours());
        try {
            List<String> retried = actions.retryAll(queue.filter());
            flash.addFlashAttribute("notice", "exception.done.retryAll");
            flash.addFlashAttribute("noticeCount", retried.size());
        } catch (RuntimeException refused) {
            flash.addFlashAttribute("failure", refused.getMessage());
        }
        return "redirect:" + queue.link(0);
    }

    private static String act(String number, RedirectAttributes flash, String done, Supplier<?> action) {
        Outcomes.act(flash, done, action);
        return "redirect:/console/process-exceptions/"
                + UriComponentsBuilder.fromPath(number).encode().build().toUriString();
    }
}
