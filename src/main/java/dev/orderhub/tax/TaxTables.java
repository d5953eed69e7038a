package dev.orderhub.tax;

import dev.orderhub.order.Address;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The sandbox tax connector file ({@code connectors/tax/sandbox.yaml}), loaded once and indexed by destination.
 * It answers "what does this destination levy" ({@link #ruleFor}); deciding what applies to an order (channel tax,
 * reverse charge, GROSS prices, rounding) is the calculator's business, so this class holds no order logic.
 * A malformed file fails at startup, naming the entry, rather than taxing orders wrongly later.
 */
final class TaxTables {

    private static final String RULE_NOTE = "{jurisdiction}";

    private final Set<String> deliveryChargeTypes;
    private final String reverseChargeNote;
    private final String noRuleNote;
    private final Set<String> usNexus;
    private final Map<String, TaxRule> usStates = new LinkedHashMap<>();
    private final List<LocalRate> usLocal = new ArrayList<>();
    private final String euEstablishment;
    private final Map<String, TaxRule> vat = new LinkedHashMap<>();
    private final Map<String, String> euVatPrefixes = new LinkedHashMap<>();
    private final Map<String, TaxRule> canada = new LinkedHashMap<>();
    private final TaxRule australia;

    private record LocalRate(String state, String zipPrefix, String name, BigDecimal rate, String note) {}

    public TaxTables(Path file) {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(file.toFile());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read tax connector " + file + ": " + e.getMessage(), e);
        }
        if (!"tax".equals(root.path("kind").asString(""))) {
            throw new IllegalStateException(file + " is not a tax connector (kind: " + root.path("kind") + ")");
        }
        JsonNode properties = root.path("properties");
        deliveryChargeTypes = new LinkedHashSet<>();
        for (JsonNode type : required(properties, "deliveryChargeTypes").required("default")) {
            deliveryChargeTypes.add(type.asString().toUpperCase(Locale.ROOT));
        }
        reverseChargeNote =
                required(properties, "reverseChargeNote").required("default").asString();
        noRuleNote = required(properties, "noRuleNote").required("default").asString();

        JsonNode establishments = required(root, "establishments");
        usNexus = new LinkedHashSet<>();
        establishments.path("US").path("nexus").forEach(s -> usNexus.add(s.asString()));
        euEstablishment = establishments.path("EU").path("country").asString(null);
        JsonNode rates = required(root, "rates");
        loadUs(required(rates, "US"));
        loadEu(required(rates, "EU"));
        if (establishments.has("GB")) {
            JsonNode gb = required(rates, "GB");
            vat.put(
                    "GB",
                    new TaxRule(
                            "GB",
                            List.of(new TaxRate(
                                    "GB", "VAT (" + required(gb, "name").asString() + ")", percent(gb, "GB"), null)),
                            gb.path("shippingTaxable").asBoolean(true),
                            false,
                            null));
        }
        if (establishments.has("CA")) {
            loadCanada(required(rates, "CA"));
        }
        JsonNode au = rates.path("AU");
        australia = establishments.has("AU") && !au.isMissingNode()
                ? new TaxRule(
                        "AU",
                        List.of(new TaxRate("AU", "GST", fraction(au, "gstPercent", "AU"), null)),
                        au.path("shippingTaxable").asBoolean(true),
                        false,
                        null)
                : TaxRule.none("AU", "seller is not registered for GST in AU: no tax charged");
    }

    private void loadUs(JsonNode us) {
        for (Map.Entry<String, JsonNode> e : required(us, "states").properties()) {
            String state = e.getKey();
            JsonNode s = e.getValue();
            String jurisdiction = "US-" + state;
            TaxRate rate = new TaxRate(
                    jurisdiction,
                    required(s, "name").asString() + " state sales tax",
                    percent(s, jurisdiction),
                    s.path("note").asString(null));
            usStates.put(
                    state,
                    new TaxRule(
                            jurisdiction,
                            List.of(rate),
                            required(s, "shippingTaxable").asBoolean(),
                            false,
                            null));
        }
        for (JsonNode local : us.path("local")) {
            String state = required(local, "state").asString();
            if (!usStates.containsKey(state)) {
                throw new IllegalStateException("tax connector: local rate for unknown state " + state);
            }
            for (JsonNode prefix : required(local, "zipPrefixes")) {
                usLocal.add(new LocalRate(
                        state,
                        prefix.asString(),
                        required(local, "name").asString(),
                        percent(local, "US-" + state + "-" + prefix.asString()),
                        local.path("note").asString(null)));
            }
        }
        // Longest prefix first, so a five-digit ZIP rule can refine a three-digit one.
        usLocal.sort(
                Comparator.comparingInt((LocalRate l) -> l.zipPrefix().length()).reversed());
    }

    private void loadEu(JsonNode eu) {
        boolean shipping = eu.path("shippingTaxable").asBoolean(true);
        for (Map.Entry<String, JsonNode> e : required(eu, "countries").properties()) {
            String country = e.getKey();
            JsonNode c = e.getValue();
            String name = "VAT (" + required(c, "name").asString() + ")";
            vat.put(
                    country,
                    new TaxRule(
                            country,
                            List.of(new TaxRate(
                                    country,
                                    name,
                                    percent(c, country),
                                    c.path("note").asString(null))),
                            shipping,
                            true,
                            null));
            euVatPrefixes.put(required(c, "vatPrefix").asString(), country);
        }
    }

    private void loadCanada(JsonNode ca) {
        BigDecimal gst = fraction(ca, "gstPercent", "CA");
        boolean shipping = ca.path("shippingTaxable").asBoolean(true);
        for (Map.Entry<String, JsonNode> e : required(ca, "provinces").properties()) {
            String jurisdiction = "CA-" + e.getKey();
            JsonNode p = e.getValue();
            String note = p.path("note").asString(null);
            List<TaxRate> rates = new ArrayList<>();
            if (p.has("hstPercent")) {
                // HST replaces GST: one harmonized line, as Canadian invoices show it.
                rates.add(new TaxRate(jurisdiction, "HST", fraction(p, "hstPercent", jurisdiction), note));
            } else {
                rates.add(new TaxRate("CA", "GST", gst, null));
                JsonNode pst = p.path("pst");
                if (!pst.isMissingNode()) {
                    rates.add(new TaxRate(
                            jurisdiction, required(pst, "name").asString(), percent(pst, jurisdiction), note));
                }
            }
            canada.put(e.getKey(), new TaxRule(jurisdiction, rates, shipping, false, null));
        }
    }

    /** What the destination levies; a rule with no rates (and a note saying why) when none applies. */
    public TaxRule ruleFor(Address shipTo) {
        if (shipTo == null || blank(shipTo.country())) {
            return TaxRule.none("UNKNOWN", "no ship-to address: no tax charged");
        }
        String country = shipTo.country().trim().toUpperCase(Locale.ROOT);
        String region = blank(shipTo.region()) ? null : shipTo.region().trim().toUpperCase(Locale.ROOT);
        return switch (country) {
            case "US" -> us(region, shipTo.postalCode());
            case "CA" ->
                region != null && canada.containsKey(region)
                        ? canada.get(region)
                        : noRule(region == null ? "CA" : "CA-" + region);
            case "AU" -> australia;
            default -> {
                TaxRule rule = vat.get(country);
                if (rule != null && rule.euMember() && euEstablishment == null) {
                    yield TaxRule.none(country, "seller has no EU establishment: no VAT charged");
                }
                yield rule != null ? rule : noRule(country);
            }
        };
    }

    private TaxRule us(String state, String postalCode) {
        if (state == null || !usStates.containsKey(state)) {
            return noRule(state == null ? "US" : "US-" + state);
        }
        if (!usNexus.contains(state)) {
            return TaxRule.none("US-" + state, "seller has no nexus in US-" + state + ": no sales tax collected");
        }
        TaxRule rule = usStates.get(state);
        String zip = postalCode == null ? "" : postalCode.trim();
        for (LocalRate local : usLocal) {
            if (local.state().equals(state) && zip.startsWith(local.zipPrefix())) {
                List<TaxRate> rates = new ArrayList<>(rule.rates());
                rates.add(new TaxRate(
                        "US-" + state + "-" + local.zipPrefix(),
                        local.name() + " local sales tax",
                        local.rate(),
                        local.note()));
                return new TaxRule(rule.jurisdiction(), rates, rule.shippingTaxable(), false, null);
            }
        }
        return rule;
    }

    private TaxRule noRule(String jurisdiction) {
        return TaxRule.none(jurisdiction, noRuleNote.replace(RULE_NOTE, jurisdiction));
    }

    /** The EU member state that issued a VAT id ({@code FR12345678901} → FR, {@code EL…} → GR), if it is one. */
    public Optional<String> euVatIdCountry(String taxId) {
        if (taxId == null) {
            return Optional.empty();
        }
        String id = taxId.replaceAll("[\\s.-]", "").toUpperCase(Locale.ROOT);
        // A prefix alone is no VAT id; national parts run from 2 (a Romanian CUI) to 12 characters (NL, SE).
        if (!id.matches("[A-Z]{2}[0-9A-Z+*]{2,12}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(euVatPrefixes.get(id.substring(0, 2)));
    }

    public boolean isEuMember(String country) {
        TaxRule rule = country == null ? null : vat.get(country.trim().toUpperCase(Locale.ROOT));
        return rule != null && rule.euMember();
    }

    /** The member state of the seller's EU establishment (DE in the sandbox), or null if it has none. */
    public String euEstablishment() {
        return euEstablishment;
    }

    public Set<String> deliveryChargeTypes() {
        return Set.copyOf(deliveryChargeTypes);
    }

    public String reverseChargeNote() {
        return reverseChargeNote;
    }

    /** The US states (and DC) with a state rate. */
    public Set<String> usStates() {
        return Set.copyOf(usStates.keySet());
    }

    public Set<String> usNexus() {
        return Set.copyOf(usNexus);
    }

    /** The EU member states with a VAT rate. */
    public Set<String> euMembers() {
        return vat.entrySet().stream()
                .filter(e -> e.getValue().euMember())
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    public Set<String> canadianProvinces() {
        return Set.copyOf(canada.keySet());
    }

    private static BigDecimal percent(JsonNode node, String where) {
        return fraction(node, "percent", where);
    }

    /** A percentage in the file as a fraction; read from its text so 4.225 stays exact (no double rounding). */
    private static BigDecimal fraction(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isNumber()) {
            throw new IllegalStateException("tax connector: " + where + " needs a numeric " + field);
        }
        BigDecimal percent = new BigDecimal(value.asString());
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new IllegalStateException("tax connector: " + where + " " + field + " out of range: " + percent);
        }
        return percent.movePointLeft(2).stripTrailingZeros();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalStateException("tax connector: missing '" + field + "'");
        }
        return value;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
