package dev.orderhub.console;

import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Does a console action as the API would and tells the next page its outcome, or the refusal's message. */
final class Outcomes {
    private Outcomes() {}

    static void act(RedirectAttributes flash, String done, Supplier<?> action) {
        try {
            action.get();
            flash.addFlashAttribute("notice", done);
        } catch (RuntimeException refused) {
            flash.addFlashAttribute("failure", refused.getMessage());
        }
    }
}
