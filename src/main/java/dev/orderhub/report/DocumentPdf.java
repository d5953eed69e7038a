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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;
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
        private static final float MARGIN = 48;
        /** The width between the margins. */
        private static final float WIDTH = PageSize.A4.getWidth() - 2 * MARGIN;

        private static final float PADDING = 4;
        private static final Set<String> CITY_REGION_POSTAL = Set.of("US", "CA", "AU");
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
            Document pdf = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, MARGIN);
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
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("number", document.number());
            facts.put("date", date(document.issuedAt().atZone(ZoneOffset.UTC).toLocalDate()));
            facts.put("dueDate", date(document.dueDate()));
            facts.put("paymentTerms", document.paymentTerms());
            facts.put("order", document.orderId());
            facts.put("externalOrder", document.externalOrderId());
            facts.put("poNumber", document.poNumber());
            facts.values().removeIf(value -> value == null || value.isBlank());
            float[] widths = {
                widest(bold, facts.keySet().stream().map(this::label)), widest(normal, facts.values().stream())
            };
            PdfPTable table = fitted(widths, sum(widths));
            table.setHorizontalAlignment(Element.ALIGN_LEFT);
            facts.forEach((key, value) -> {
                table.addCell(cell(label(key), bold, Element.ALIGN_LEFT));
                table.addCell(cell(value, normal, Element.ALIGN_LEFT));
            });
            return table;
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
                            address == null ? null : cityLine(address),
                            address == null ? null : address.country())
                    .filter(line -> line != null && !line.isBlank())
                    .distinct()
                    .forEach(line -> pdf.add(new Paragraph(line, normal)));
        }

        /**
         * The city line as the country writes it: {@code Austin, TX 78701} in North America and Australia, else the
         * postal code first ({@code 10115 Berlin}).
         */
        private static String cityLine(Address address) {
            if (CITY_REGION_POSTAL.contains(address.country())) {
                String regionPostal = joined(address.region(), address.postalCode());
                return regionPostal.isEmpty() ? address.city() : address.city() + ", " + regionPostal;
            }
            return joined(address.postalCode(), address.city(), address.region());
        }

        private static String joined(String... parts) {
            return Stream.of(parts).filter(Objects::nonNull).collect(Collectors.joining(" "));
        }

        private PdfPTable lines() {
            List<BillingDocument.Line> lines = document.lines();
            NumberFormat count = NumberFormat.getIntegerInstance(locale);
            float[] widths = {
                widest(bold, label("sku"), lines.stream().map(BillingDocument.Line::sku)),
                0,
                widest(bold, label("quantity"), lines.stream().map(line -> count.format(line.quantity()))),
                widest(bold, label("unitPrice"), lines.stream().map(line -> money(line.unitPrice()))),
                widest(bold, label("amount"), lines.stream().map(line -> money(line.amount())))
            };
            // the description takes what the other columns leave, and wraps when it must
            widths[1] = Math.max(WIDTH - sum(widths), WIDTH / 4);
            PdfPTable table = fitted(widths, WIDTH);
            table.setHeaderRows(1);
            table.addCell(cell(label("sku"), bold, Element.ALIGN_LEFT));
            table.addCell(cell(label("description"), bold, Element.ALIGN_LEFT));
            table.addCell(cell(label("quantity"), bold, Element.ALIGN_RIGHT));
            table.addCell(cell(label("unitPrice"), bold, Element.ALIGN_RIGHT));
            table.addCell(cell(label("amount"), bold, Element.ALIGN_RIGHT));
            for (BillingDocument.Line line : lines) {
                table.addCell(cell(line.sku(), normal, Element.ALIGN_LEFT));
                table.addCell(cell(line.description(), normal, Element.ALIGN_LEFT));
                table.addCell(cell(count.format(line.quantity()), normal, Element.ALIGN_RIGHT));
                table.addCell(cell(money(line.unitPrice()), normal, Element.ALIGN_RIGHT));
                table.addCell(cell(money(line.amount()), normal, Element.ALIGN_RIGHT));
            }
            return table;
        }

        private PdfPTable totals() {
            Map<String, BigDecimal> totals = new LinkedHashMap<>();
            totals.put("products", document.products());
            totals.put("adjustments", document.adjustments());
            totals.put("charges", document.charges());
            totals.put("tax", document.tax());
            totals.put("total", document.total());
            totals.values().removeIf(Objects::isNull);
            float[] widths = {
                widest(bold, totals.keySet().stream().map(this::label)),
                widest(bold, totals.values().stream().map(this::money))
            };
            PdfPTable table = fitted(widths, Math.max(sum(widths), WIDTH / 2));
            table.setHorizontalAlignment(Element.ALIGN_RIGHT);
            totals.forEach((key, amount) -> {
                Font font = key.equals("total") ? bold : normal;
                table.addCell(cell(label(key), font, Element.ALIGN_LEFT));
                table.addCell(cell(money(amount), font, Element.ALIGN_RIGHT));
            });
            return table;
        }

        /**
         * A table {@code width} points wide (at most the page's), its columns in the proportions of {@code widths}:
         * each as wide as its widest text when the page has room, so that no label or amount breaks inside a word.
         */
        private static PdfPTable fitted(float[] widths, float width) {
            PdfPTable table = new PdfPTable(widths);
            table.setTotalWidth(Math.min(width, WIDTH));
            table.setLockedWidth(true);
            return table;
        }

        /** The width a cell needs to hold its header and each of its values on one line. */
        private float widest(Font headerFont, String header, Stream<String> values) {
            return Math.max(widest(headerFont, Stream.of(header)), widest(normal, values));
        }

        /** The width a cell needs to hold the widest of these texts on one line (bold drawn a little wider). */
        private static float widest(Font font, Stream<String> texts) {
            float text = (float) texts.filter(Objects::nonNull)
                    .mapToDouble(t -> font.getBaseFont().getWidthPoint(t, font.getSize()))
                    .max()
                    .orElse(0);
            return text * 1.05f + 2 * PADDING + 2;
        }

        private static float sum(float[] widths) {
            float sum = 0;
            for (float w : widths) {
                sum += w;
            }
            return sum;
        }

        private PdfPCell cell(String text, Font font, int alignment) {
            PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
            cell.setHorizontalAlignment(alignment);
            cell.setBorderWidth(0.5f);
            cell.setPadding(PADDING);
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
