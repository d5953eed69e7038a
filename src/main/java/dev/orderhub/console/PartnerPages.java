package dev.orderhub.console;

import dev.orderhub.intake.Partner;
import dev.orderhub.intake.Partners;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** Trading partners: the files they sent and the EDI documents exchanged with them, raw documents included. */
@Controller
class PartnerPages {
    private static final int LIMIT = 100;

    private final Partners partners;
    private final ConsoleQueries queries;

    PartnerPages(Partners partners, ConsoleQueries queries) {
        this.partners = partners;
        this.queries = queries;
    }

    @GetMapping("/console/partners")
    String partners(Model model) {
        List<Partner> all = new ArrayList<>();
        partners.all().forEach(all::add);
        model.addAttribute("partners", all);
        return "console/partners";
    }

    @GetMapping("/console/partners/{id}")
    String partner(@PathVariable String id, Model model) {
        Partner partner = partners.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("partner", partner);
        model.addAttribute("files", queries.partnerFiles(id, LIMIT));
        model.addAttribute(
                "documents",
                queries.ediDocuments(id, LIMIT).stream().map(EdiSummary::of).toList());
        return "console/partner";
    }

    @GetMapping("/console/partners/{id}/documents/{document}")
    String document(@PathVariable String id, @PathVariable long document, Model model) {
        ConsoleQueries.EdiRow row = queries.ediDocument(document)
                .filter(found -> found.payload() != null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("partnerId", id);
        model.addAttribute("document", EdiSummary.of(row));
        model.addAttribute("pretty", OriginalMessage.pretty(row.payload()));
        return "console/edi-document";
    }
}
