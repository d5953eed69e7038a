package dev.orderhub.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.exception.PermanentFailure;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ErpFilesTest {
    private final ErpFiles files = new ErpFiles(JsonMapper.builder().build());

    private static final String MESSAGE = """
            {"fulfillmentOrderId":"FO-1","orderId":"o-1","externalOrderId":"PO-1","location":"WH-EAST",
             "deliveryGroupId":"DG1","shipTo":{"name":"Acme DC, Dock 2","line1":"9 Dock Rd","city":"Austin",
             "region":"TX","postalCode":"78744","country":"US"},
             "lines":[{"lineId":"1","sku":"DRILL-18V","quantity":4},{"lineId":"2","sku":"BIT-SET","quantity":1}]}""";

    @Test
    void aFulfillmentOrderIsAHeaderAndOneRowALine() {
        String csv = files.fulfillmentOrder(MESSAGE);

        assertThat(csv.lines().toList())
                .containsExactly(
                        String.join(",", ErpFiles.FULFILLMENT_ORDER_COLUMNS),
                        "fulfillment-order,FO-1,o-1,PO-1,WH-EAST,DG1,\"Acme DC, Dock 2\",\"9 Dock Rd\",,Austin,TX,78744,US,"
                                + "1,DRILL-18V,4",
                        "fulfillment-order,FO-1,o-1,PO-1,WH-EAST,DG1,\"Acme DC, Dock 2\",\"9 Dock Rd\",,Austin,TX,78744,US,"
                                + "2,BIT-SET,1");
        assertThat(files.fileName(MESSAGE, "m-1")).isEqualTo("fulfillment-order-FO-1-m-1.csv");
    }

    @Test
    void aCancellationSaysSoInItsTypeColumnAndName() {
        String cancel = MESSAGE.replace("\"lines\"", "\"action\":\"CANCEL\",\"lines\"");

        assertThat(files.fulfillmentOrder(cancel).lines().skip(1))
                .allMatch(row -> row.startsWith("fulfillment-order.cancel,"));
        assertThat(files.fileName(cancel, "m-2")).isEqualTo("fulfillment-order.cancel-FO-1-m-2.csv");
    }

    @Test
    void confirmationRowsOfOneShipmentMakeOneConfirmation() {
        List<ShipmentConfirmation> read = files.confirmations(csv("""
                fulfillment_order_id,shipment_id,line_id,quantity,carrier,service,tracking_number,shipped_at
                FO-1,SHP-1,1,4,UPS,GROUND,1Z999,2026-05-04T10:15:30Z
                FO-1,SHP-1,2,1,UPS,GROUND,1Z999,2026-05-04T10:15:30Z
                FO-2,SHP-2,1,2,,,,
                """));

        assertThat(read)
                .containsExactly(
                        new ShipmentConfirmation(
                                "FO-1",
                                "SHP-1",
                                "UPS",
                                "GROUND",
                                "1Z999",
                                Instant.parse("2026-05-04T10:15:30Z"),
                                List.of(new ShipmentConfirmation.Line("1", 4), new ShipmentConfirmation.Line("2", 1))),
                        new ShipmentConfirmation(
                                "FO-2",
                                "SHP-2",
                                null,
                                null,
                                null,
                                null,
                                List.of(new ShipmentConfirmation.Line("1", 2))));
    }

    @Test
    void aBadRowRefusesTheWholeFileNamingRowAndColumn() {
        assertThatThrownBy(() -> files.confirmations(csv("""
                        fulfillment_order_id,shipment_id,line_id,quantity
                        FO-1,SHP-1,1,4
                        FO-1,SHP-1,2,two
                        """)))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("confirmation CSV row 3: column quantity: not a whole number above zero");
        assertThatThrownBy(() -> files.confirmations(csv("""
                        fulfillment_order_id,line_id,quantity
                        FO-1,1,4
                        """)))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("confirmation CSV row 2: column shipment_id is missing or empty");
        assertThatThrownBy(() -> files.confirmations(csv("""
                        fulfillment_order_id,shipment_id,line_id,quantity,shipped_at
                        FO-1,SHP-1,1,4,yesterday
                        """)))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageStartingWith("confirmation CSV row 2: column shipped_at: not an ISO-8601 instant");
    }

    private static InputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
