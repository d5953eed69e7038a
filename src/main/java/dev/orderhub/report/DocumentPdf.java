package dev.orderhub.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import dev.orderhub.order.Address;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Renders a {@link BillingDocument} as a PDF (OpenPDF) in its language: labels from {@link DocumentLabels}, dates,
 * numbers and money formatted for the locale. Latin languages use the standard Helvetica; Japanese needs a CJK font,
 * embedded from {@code orderhub.documents.cjk-font} (Noto Sans CJK of Debian's fonts-noto-cjk by default): without
 * it a Japanese document is rendered in English.
 */
@Component
public class DocumentPdf {
    private static final Logger log = LoggerFactory.getLogger(DocumentPdf.class);

    private final String cjkFontPath;
    private volatile BaseFont cjkFont;

    DocumentPdf(
            @Value("${orderhub.documents.cjk-font:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}")
                    String cjkFontPath) {
        this.cjkFontPath = cjkFontPath;
    }

    public byte[] render(BillingDocument document) {
        Locale locale = document.locale();
        BaseFont base = standardFont();
        if (locale.getLanguage().equals("ja")) {
            BaseFont cjk = cjkFont();
            if (cjk == null) {
                locale = Locale.ENGLISH;
            } else {
                base = cjk;
            }
        }
        return new Renderer(document, locale, base).pdf();
    }

    private static BaseFont standardFont() {
        try {
            return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CJK font, loaded once; null (and a warning) when the file is missing or unreadable. */
    private BaseFont cjkFont() {
        if (cjkFont == null && Files.isReadable(Path.of(cjkFontPath))) {
            try {
                String name = cjkFontPath.endsWith(".ttc") ? cjkFontPath + ",0" : cjkFontPath;
                cjkFont = BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            } catch (IOException | DocumentException e) {
                log.warn("cannot load the CJK font {}: {}", cjkFontPath, e.toString());
            }
        }
        if (cjkFont == null) {
            log.warn("no CJK font at {} (orderhub.documents.cjk-font): Japanese documents are in English", cjkFontPath);
        }
        return cjkFont;
    }

    /** One document's rendering. */
    private static final class Renderer {
        private final BillingDocument document;
        private final Locale locale;
        private final ResourceBundle labels;
        private final Font normal;
        private final Font bold;
        private final Font title;
        private final NumberFormat money;
        private final DateTimeFormatter dates;

        Renderer(BillingDocument document, Locale locale, BaseFont base) {
            this.document = document;
            this.locale = locale;
            this.labels = DocumentLabels.of(locale);
            this.normal = new Font(base, 10);
            this.bold = new Font(base, 10, Font.BOLD);
            this.title = new Font(base, 18, Font.BOLD);
            Currency currency = Currency.getInstance(document.currency());
            this.money = NumberFormat.getCurrencyInstance(locale);
            this.money.setCurrency(currency);
            this.money.setMinimumFractionDigits(currency.getDefaultFractionDigits());
            this.money.setMaximumFractionDigits(currency.getDefaultFractionDigits());
            this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        }

        byte[] pdf() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Document pdf = new Document(PageSize.A4, 48, 48, 48, 48);
            PdfWriter.getInstance(pdf, out);
            pdf.addTitle(label("title." + document.kind().name()) + " " + document.number());
            pdf.open();
            pdf.add(new Paragraph(label("title." + document.kind().name()) + " " + document.number(), title));
            pdf.add(new Paragraph(" ", normal));
            pdf.add(facts());
            pdf.add(new Paragraph(" ", normal));
            billTo(pdf);
            pdf.add(new Paragraph(" ", normal));
            pdf.add(lines());
            pdf.add(totals());
            pdf.close();
            return out.toByteArray();
        }

        private PdfPTable facts() {
            PdfPTable facts = new PdfPTable(new float[] {1, 2});
            facts.setWidthPercentage(60);
            facts.setHorizontalAlignment(Element.ALIGN_LEFT);
            fact(facts, "number", document.number());
            fact(facts, "date", date(document.issuedAt().atZone(ZoneOffset.UTC).toLocalDate()));
            fact(facts, "dueDate", date(document.dueDate()));
            fact(facts, "paymentTerms", document.paymentTerms());
            fact(facts, "order", document.orderId());
            fact(facts, "externalOrder", document.externalOrderId());
            fact(facts, "poNumber", document.poNumber());
            return facts;
        }

        private void fact(PdfPTable facts, String key, String value) {
            if (value == null || value.isBlank()) {
                return;
            }
            facts.addCell(cell(label(key), bold, Element.ALIGN_LEFT));
            facts.addCell(cell(value, normal, Element.ALIGN_LEFT));
        }

        private void billTo(Document pdf) {
            Address address = document.billTo();
            if (address == null && document.accountName() == null) {
                return;
            }
            pdf.add(new Paragraph(label("billTo"), bold));
            Stream.of(
                            document.accountName(),
                            address == null ? null : address.name(),
                            address == null ? null : address.line1(),
                            address == null ? null : address.line2(),
                            address == null
                                    ? null
                                    : Stream.of(address.postalCode(), address.city(), address.region())
                                            .filter(Objects::nonNull)
                                            .reduce((a, b) -> a + " " + b)
                                            .orElse(null),
                            address == null ? null : address.country())
                    .filter(line -> line != null && !line.isBlank())
                    .distinct()
                    .forEach(line -> pdf.add(new Paragraph(line, normal)));
        }

        private PdfPTable lines() {
            PdfPTable table = new PdfPTable(new float[] {2, 4, 1, 2, 2});
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            table.addCell(cell(label("sku"), bold, Element.ALIGN_LEFT));
            table.addCell(cell(label("description"), bold, Element.ALIGN_LEFT));
            table.addCell(cell(label("quantity"), bold, Element.ALIGN_RIGHT));
            table.addCell(cell(label("unitPrice"), bold, Element.ALIGN_RIGHT));
            table.addCell(cell(label("amount"), bold, Element.ALIGN_RIGHT));
            NumberFormat count = NumberFormat.getIntegerInstance(locale);
            for (BillingDocument.Line line : document.lines()) {
                table.addCell(cell(line.sku(), normal, Element.ALIGN_LEFT));
                table.addCell(cell(line.description(), normal, Element.ALIGN_LEFT));
                table.addCell(cell(count.format(line.quantity()), normal, Element.ALIGN_RIGHT));
                table.addCell(cell(money(line.unitPrice()), normal, Element.ALIGN_RIGHT));
                table.addCell(cell(money(line.amount()), normal, Element.ALIGN_RIGHT));
            }
            return table;
        }

        private PdfPTable totals() {
            PdfPTable totals = new PdfPTable(new float[] {2, 1});
            totals.setWidthPercentage(50);
            totals.setHorizontalAlignment(Element.ALIGN_RIGHT);
            total(totals, "products", document.products(), normal);
            total(totals, "adjustments", document.adjustments(), normal);
            total(totals, "charges", document.charges(), normal);
            total(totals, "tax", document.tax(), normal);
            total(totals, "total", document.total(), bold);
            return totals;
        }

        private void total(PdfPTable totals, String key, BigDecimal amount, Font font) {
            if (amount == null) {
                return;
            }
            totals.addCell(cell(label(key), font, Element.ALIGN_LEFT));
            totals.addCell(cell(money(amount), font, Element.ALIGN_RIGHT));
        }

        private PdfPCell cell(String text, Font font, int alignment) {
            PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
            cell.setHorizontalAlignment(alignment);
            cell.setBorderWidth(0.5f);
            cell.setPadding(4);
            return cell;
        }

        private String label(String key) {
            return labels.getString(key);
        }

        private String money(BigDecimal amount) {
            return amount == null ? "" : money.format(amount);
        }

        private String date(LocalDate date) {
            return date == null ? null : dates.format(date);
        }
    }
}
