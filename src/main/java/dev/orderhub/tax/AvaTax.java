package dev.orderhub.tax;

import dev.orderhub.connector.ActiveConnectors;
import dev.orderhub.connector.ConnectorHttp;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Avalara AvaTax REST v2 bodies for the route templates of connector type tax/avatax (routes/connectors/tax/):
 * builds the {@code CreateTransactionModel} of a quote ({@code SalesOrder}, not recorded) or of an invoice
 * ({@code SalesInvoice}, committed, each line's tax overridden with the tax the order charged), and reads the answer
 * ({@code TransactionModel}: each line's {@code details[]} become its tax lines). Settings come from the active tax
 * connector file; the license key from its environment variable only.
 */
@Component("avaTax")
class AvaTax {
    /** AvaTax's answer to a create with a code and type it has recorded already (a committed document). */
    static final String ALREADY_EXISTS = "TransactionAlreadyExists";

    private static final String CODE = "avataxCode";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final ActiveConnectors connectors;
    private final ConnectorHttp http;

    AvaTax(ActiveConnectors connectors, ConnectorHttp http) {
        this.connectors = connectors;
        this.http = http;
    }

    private JsonNode settings() {
        return connectors.get("tax").settings();
    }

    /** HTTP Basic authentication with the account id and license key. */
    public String authorization() {
        String pair = settings().path("accountId").asString() + ":"
                + settings().path("licenseKey").asString();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The body becomes the CreateTransactionModel of a quote: type SalesOrder, code = the order's id. */
    public void salesOrder(Exchange exchange) {
        create(exchange, "SalesOrder", false);
    }

    /** The body becomes the CreateTransactionModel of an invoice: type SalesInvoice, committed, code = its number. */
    public void salesInvoice(Exchange exchange) {
        create(exchange, "SalesInvoice", true);
    }

    /** The body becomes the VoidTransactionModel; the document's code goes into the path: {@code /{code}/void}. */
    public void voidTransaction(Exchange exchange) {
        JsonNode request = exchange.getMessage().getBody(JsonNode.class);
        String code = request.path("reference").asString();
        exchange.setProperty(CODE, code);
        exchange.getMessage()
                .setHeader(
                        Exchange.HTTP_PATH,
                        "/" + URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20") + "/void");
        exchange.getMessage().setBody(JSON.writeValueAsString(Map.of("code", "DocVoided")));
    }

    private void create(Exchange exchange, String type, boolean commit) {
        JsonNode request = exchange.getMessage().getBody(JsonNode.class);
        JsonNode settings = settings();
        ObjectNode model = JSON.createObjectNode();
        model.put("type", type);
        model.put("code", request.path("code").asString());
        model.put("companyCode", settings.path("companyCode").asString());
        model.put(
                "date",
                request.path("date").asString(LocalDate.now(ZoneOffset.UTC).toString()));
        model.put("customerCode", request.path("customerCode").asString());
        if (!request.path("taxId").isNull() && !request.path("taxId").isMissingNode()) {
            model.put("businessIdentificationNo", request.path("taxId").asString());
        }
        model.put("currencyCode", request.path("currency").asString());
        model.put("purchaseOrderNo", request.path("poNumber").asString(null));
        model.put(
                "referenceCode",
                request.path("channel").asString() + ":"
                        + request.path("externalOrderId").asString());
        model.put("commit", commit);
        JsonNode shipFrom = address(settings.path("shipFrom"));
        model.putObject("addresses").set("shipFrom", shipFrom);
        boolean taxIncluded = "GROSS".equals(request.path("taxMode").asString());
        ArrayNode lines = model.putArray("lines");
        for (JsonNode line : request.path("lines")) {
            ObjectNode l = line(lines, "L-" + line.path("lineId").asString(), line, shipFrom, taxIncluded);
            l.put("itemCode", line.path("sku").asString(null));
            l.put("description", line.path("description").asString(null));
            l.put("quantity", line.path("quantity").asInt(1));
            l.put(
                    "taxCode",
                    line.path("taxCode").asString(settings.path("taxCode").asString()));
        }
        for (JsonNode charge : request.path("charges")) {
            ObjectNode l = line(lines, "C-" + charge.path("index").asInt(), charge, shipFrom, taxIncluded);
            String chargeType = charge.path("type").asString("CHARGE");
            l.put("itemCode", chargeType);
            l.put("description", chargeType);
            l.put("quantity", 1);
            l.put(
                    "taxCode",
                    isDelivery(settings, chargeType)
                            ? settings.path("freightTaxCode").asString()
                            : settings.path("taxCode").asString());
        }
        exchange.setProperty(CODE, request.path("code").asString());
        exchange.getMessage().setBody(JSON.writeValueAsString(model));
    }

    private static ObjectNode line(
            ArrayNode lines, String number, JsonNode item, JsonNode shipFrom, boolean taxIncluded) {
        ObjectNode line = lines.addObject();
        line.put("number", number);
        line.put("amount", new BigDecimal(item.path("amount").asString("0")));
        line.put("taxIncluded", taxIncluded);
        ObjectNode addresses = line.putObject("addresses");
        addresses.set("shipFrom", shipFrom);
        addresses.set("shipTo", address(item.path("shipTo")));
        if (item.has("tax")) {
            // the invoice reports the tax the order charged, not a new calculation
            line.putObject("taxOverride")
                    .put("type", "TaxAmount")
                    .put("taxAmount", new BigDecimal(item.path("tax").asString()))
                    .put("reason", "tax charged at order acceptance");
        }
        return line;
    }

    private static boolean isDelivery(JsonNode settings, String chargeType) {
        for (JsonNode type : settings.path("deliveryChargeTypes")) {
            if (type.asString().equalsIgnoreCase(chargeType)) {
                return true;
            }
        }
        return false;
    }

    /** An AvaTax AddressLocationInfo from an address of the contract (or of the connector file). */
    private static JsonNode address(JsonNode a) {
        ObjectNode address = JSON.createObjectNode();
        for (String field : new String[] {"line1", "line2", "city", "region", "postalCode", "country"}) {
            if (a.hasNonNull(field)) {
                address.put(field, a.path(field).asString());
            }
        }
        return address;
    }

    /** Reads a quote's TransactionModel into the contract's answer: each line's details are its tax lines. */
    public JsonNode quoted(Exchange exchange) {
        http.check(exchange, "/error/message", "/error/code");
        JsonNode model = JSON.readTree(exchange.getMessage().getBody(String.class));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode lines = answer.putArray("lines");
        ArrayNode charges = answer.putArray("charges");
        for (JsonNode line : model.path("lines")) {
            String number = line.path("lineNumber").asString();
            ArrayNode taxLines = JSON.createArrayNode();
            for (JsonNode detail : line.path("details")) {
                taxLines.addObject()
                        .put("jurisdiction", detail.path("jurisName").asString(null))
                        .put("name", detail.path("taxName").asString(null))
                        .put("rate", detail.path("rate").asString("0"))
                        .put("amount", detail.path("tax").asString("0"));
            }
            if (taxLines.isEmpty()) {
                taxLines.addObject()
                        .put(
                                "jurisdiction",
                                line.path("destinationAddress").path("country").asString(null))
                        .put("name", "No tax")
                        .put("rate", "0")
                        .put("amount", line.path("tax").asString("0"))
                        .put("note", "AvaTax reported no taxing jurisdiction for this line");
            }
            if (number.startsWith("L-")) {
                lines.addObject().put("lineId", number.substring(2)).set("taxLines", taxLines);
            } else if (number.startsWith("C-")) {
                charges.addObject()
                        .put("index", Integer.parseInt(number.substring(2)))
                        .set("taxLines", taxLines);
            }
        }
        return answer;
    }

    /**
     * Reads a committed SalesInvoice's answer into {@code {"reference": code}}. A create AvaTax refuses because the
     * document is recorded already (asked again after a crash lost the first answer) is that first effect.
     */
    public JsonNode recorded(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String code = exchange.getProperty(CODE, String.class);
        if (status != null && status == 400 && ALREADY_EXISTS.equals(errorCode(exchange))) {
            return JSON.createObjectNode().put("reference", code);
        }
        http.check(exchange, "/error/message", "/error/code");
        JsonNode model = JSON.readTree(exchange.getMessage().getBody(String.class));
        return JSON.createObjectNode().put("reference", model.path("code").asString(code));
    }

    /** Reads a void's answer into {@code {"reference": code}}. */
    public JsonNode voided(Exchange exchange) {
        http.check(exchange, "/error/message", "/error/code");
        return JSON.createObjectNode().put("reference", exchange.getProperty(CODE, String.class));
    }

    private static String errorCode(Exchange exchange) {
        try {
            return JSON.readTree(exchange.getMessage().getBody(String.class))
                    .path("error")
                    .path("code")
                    .asString(null);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
