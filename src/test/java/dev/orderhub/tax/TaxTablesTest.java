package dev.orderhub.tax;

import static dev.orderhub.tax.TaxFixtures.TABLES;
import static dev.orderhub.tax.TaxFixtures.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxTablesTest {

    static final List<String> US_STATES_AND_DC = List.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
            "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
            "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY");
    static final List<String> EU_MEMBERS = List.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");
    static final List<String> STATES_WITHOUT_SALES_TAX = List.of("AK", "DE", "MT", "NH", "OR");

    @Test
    void everyStateAndDcHasARateAndTheSandboxHasNexusEverywhere() {
        assertThat(US_STATES_AND_DC).hasSize(51);
        assertThat(TABLES.usStates()).containsExactlyInAnyOrderElementsOf(US_STATES_AND_DC);
        assertThat(TABLES.usNexus()).containsExactlyInAnyOrderElementsOf(US_STATES_AND_DC);
        for (String state : US_STATES_AND_DC) {
            TaxRule rule = TABLES.ruleFor(address("US", state, "00000"));
            assertThat(rule.applies()).as(state).isTrue();
            assertThat(rule.jurisdiction()).isEqualTo("US-" + state);
            TaxRate rate = rule.rates().get(0);
            if (STATES_WITHOUT_SALES_TAX.contains(state)) {
                assertThat(rate.rate()).as(state).isZero();
                assertThat(rate.note()).as(state).isNotBlank();
            } else {
                assertThat(rate.rate()).as(state).isBetween(new BigDecimal("0.029"), new BigDecimal("0.0725"));
            }
        }
    }

    @Test
    void everyEuMemberStateAndTheUkHasItsStandardVatRate() {
        assertThat(EU_MEMBERS).hasSize(27);
        assertThat(TABLES.euMembers()).containsExactlyInAnyOrderElementsOf(EU_MEMBERS);
        for (String country : EU_MEMBERS) {
            TaxRule rule = TABLES.ruleFor(address(country, null, "1000"));
            assertThat(rule.euMember()).as(country).isTrue();
            assertThat(rule.shippingTaxable()).as(country).isTrue();
            assertThat(rule.totalRate()).as(country).isBetween(new BigDecimal("0.17"), new BigDecimal("0.27"));
        }
        assertThat(TABLES.ruleFor(address("GB", null, "SW1A 1AA")).totalRate()).isEqualByComparingTo("0.20");
        assertThat(TABLES.isEuMember("GB")).isFalse();
        assertThat(TABLES.euEstablishment()).isEqualTo("DE");
    }

    @Test
    void everyCanadianProvinceAndTerritoryPaysGstOrHst() {
        assertThat(TABLES.canadianProvinces())
                .containsExactlyInAnyOrder(
                        "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT");
        for (String province : TABLES.canadianProvinces()) {
            assertThat(TABLES.ruleFor(address("CA", province, "A1A 1A1")).totalRate())
                    .as(province)
                    .isBetween(new BigDecimal("0.05"), new BigDecimal("0.15"));
        }
        assertThat(TABLES.ruleFor(address("CA", "AB", "T5J 0N3")).rates())
                .extracting(TaxRate::name)
                .containsExactly("GST");
    }

    @Test
    void lowercaseCodesAndZipPlusFourAreUnderstood() {
        TaxRule rule = TABLES.ruleFor(address("us", "tx", "78744-1234"));
        assertThat(rule.rates()).extracting(TaxRate::jurisdiction).containsExactly("US-TX", "US-TX-787");
    }

    @Test
    void euVatIdsAreRecognisedByTheirMemberStatePrefix() {
        assertThat(TABLES.euVatIdCountry("FR12345678901")).contains("FR");
        assertThat(TABLES.euVatIdCountry("fr 123 456 789 01")).contains("FR");
        assertThat(TABLES.euVatIdCountry("EL123456789")).contains("GR");
        assertThat(TABLES.euVatIdCountry("ATU12345678")).contains("AT");
        assertThat(TABLES.euVatIdCountry("GB123456789")).isEmpty();
        assertThat(TABLES.euVatIdCountry("12-3456789")).isEmpty();
        assertThat(TABLES.euVatIdCountry("FR")).isEmpty();
        assertThat(TABLES.euVatIdCountry(null)).isEmpty();
    }

    @Test
    void theFileNamesItsPropertiesWithDefaults() {
        assertThat(TABLES.deliveryChargeTypes()).isEqualTo(Set.of("DELIVERY", "SHIPPING", "FREIGHT"));
        assertThat(TABLES.reverseChargeNote())
                .isEqualTo("reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC)");
    }

    @Test
    void aMalformedFileFailsAtLoadingNamingTheEntry(@TempDir Path dir) throws IOException {
        String broken = Files.readString(Path.of("connectors/tax/sandbox.yaml"))
                .replace("TX: {name: Texas, percent: 6.25,", "TX: {name: Texas,");
        Path file = Files.writeString(dir.resolve("sandbox.yaml"), broken);
        assertThatThrownBy(() -> new TaxTables(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("US-TX");
        assertThatThrownBy(() -> new TaxTables(dir.resolve("missing.yaml"))).isInstanceOf(IllegalStateException.class);
    }
}
