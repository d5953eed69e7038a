package dev.orderhub.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import dev.orderhub.order.Address;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** Invoice documents in each language, read back from the PDF. */
class DocumentPdfTest {
    /** Debian's fonts-noto-cjk, which .ci/run installs. */
    private static final String NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    @Test
    void germanInvoiceHasGermanLabelsAndGermanNumbers() throws IOException {
        String text = text(new DocumentPdf(NOTO_CJK).render(invoice(Locale.GERMANY)));

        assertThat(text)
                .contains("Rechnung INV-00000042", "Gesamtbetrag", "Fällig am", "Rechnungsadresse", "Menge")
                .contains("552,29", "516,00", "-25,80", "42,09")
                .contains("02.12.2026")
                .contains("Akkuschrauber 18V", "Acme Tools Inc.", "Austin, TX 78701");
    }

    @Test
    void aCityLineIsWrittenAsItsCountryWritesIt() throws IOException {
        BillingDocument invoice = invoice(Locale.GERMAN);
        BillingDocument berlin = new BillingDocument(
                invoice.kind(),
                invoice.number(),
                invoice.orderId(),
                invoice.externalOrderId(),
                invoice.poNumber(),
                invoice.accountName(),
                new Address("Werkzeug GmbH", "Hauptstr. 1", null, "Berlin", null, "10115", "DE"),
                invoice.currency(),
                invoice.issuedAt(),
                invoice.dueDate(),
                invoice.paymentTerms(),
                invoice.lines(),
                invoice.products(),
                invoice.adjustments(),
                invoice.charges(),
                invoice.tax(),
                invoice.total(),
                invoice.locale());

        assertThat(text(new DocumentPdf(NOTO_CJK).render(berlin))).contains("10115 Berlin");
    }

    @Test
    void frenchAndSpanishInvoicesSpeakTheirLanguage() throws IOException {
        assertThat(text(new DocumentPdf(NOTO_CJK).render(invoice(Locale.FRENCH))))
                .contains("Facture INV-00000042", "Échéance", "552,29");
        assertThat(text(new DocumentPdf(NOTO_CJK).render(invoice(Locale.forLanguageTag("es")))))
                .contains("Factura INV-00000042", "Vencimiento", "552,29");
    }

    @Test
    void everyLabelAndValueStaysOnOneLineInEachLanguage() throws IOException {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"))) {
            BillingDocument invoice = invoice(locale);
            String text = text(new DocumentPdf(NOTO_CJK).render(invoice));
            ResourceBundle labels = DocumentLabels.of(locale);
            for (String key : List.of(
                    "number",
                    "date",
                    "dueDate",
                    "paymentTerms",
                    "order",
                    "externalOrder",
                    "poNumber",
                    "sku",
                    "description",
                    "quantity",
                    "unitPrice",
                    "amount",
                    "products",
                    "adjustments",
                    "charges",
                    "tax")) {
                // a label the table wrapped would be read back broken by a line end
                assertThat(text).as("%s in %s", key, locale).contains(labels.getString(key));
            }
            assertThat(text).contains(invoice.orderId(), invoice.lines().get(0).description());
        }
    }

    @Test
    void japaneseInvoiceEmbedsTheCjkFont() throws IOException {
        byte[] pdf = new DocumentPdf(NOTO_CJK).render(invoice(Locale.JAPANESE));

        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains("NotoSansCJK");
        assertThat(text(pdf)).contains("請求書", "合計", "INV-00000042");
    }

    @Test
    void japaneseWithoutTheFontFallsBackToEnglish() throws IOException {
        String text = text(new DocumentPdf("/no/such/font.ttc").render(invoice(Locale.JAPANESE)));

        assertThat(text).contains("Invoice INV-00000042", "Total", "$552.29");
    }

    @Test
    void creditMemoUsesTheSameModelWithItsTitle() throws IOException {
        BillingDocument invoice = invoice(Locale.GERMAN);
        BillingDocument memo = new BillingDocument(
                BillingDocument.Kind.CREDIT_MEMO,
                "CM-00000001",
                invoice.orderId(),
                invoice.externalOrderId(),
                invoice.poNumber(),
                invoice.accountName(),
                invoice.billTo(),
                invoice.currency(),
                invoice.issuedAt(),
                null,
                null,
                invoice.lines(),
                invoice.products(),
                null,
                null,
                invoice.tax(),
                invoice.total(),
                invoice.locale());

        assertThat(text(new DocumentPdf(NOTO_CJK).render(memo))).contains("Gutschrift CM-00000001");
    }

    @Test
    void otherLanguagesAreEnglish() {
        assertThat(DocumentLabels.locale("pt-BR")).isEqualTo(Locale.ENGLISH);
        assertThat(DocumentLabels.locale(null)).isEqualTo(Locale.ENGLISH);
        assertThat(DocumentLabels.locale("de-AT").getLanguage()).isEqualTo("de");
    }

    static BillingDocument invoice(Locale locale) {
        return new BillingDocument(
                BillingDocument.Kind.INVOICE,
                "INV-00000042",
                "01a246c6-d471-7510-a96f-65e24571c29c",
                "PO-2291",
                "4500012345",
                "Acme Tools Inc.",
                new Address("Acme Tools Inc.", "1 Main St", null, "Austin", "TX", "78701", "US"),
                "USD",
                Instant.parse("2026-12-02T10:15:00Z"),
                LocalDate.parse("2027-01-01"),
                "NET30",
                List.of(new BillingDocument.Line(
                        "DRILL-18V", "Akkuschrauber 18V", 4, new BigDecimal("129.00"), new BigDecimal("516.00"))),
                new BigDecimal("516.00"),
                new BigDecimal("-25.80"),
                new BigDecimal("20.00"),
                new BigDecimal("42.09"),
                new BigDecimal("552.29"),
                locale);
    }

    static String text(byte[] pdf) throws IOException {
        try (PdfReader reader = new PdfReader(pdf)) {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            return text.toString();
        }
    }
}
