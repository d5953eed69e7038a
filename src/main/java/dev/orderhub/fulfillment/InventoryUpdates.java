package dev.orderhub.fulfillment;

import dev.orderhub.exception.PermanentFailure;
import dev.orderhub.store.Idempotency;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies OCI-like NDJSON inventory updates: a header line {@code {"location","mode":"UPDATE"}}, then one record a
 * line {@code {"recordId","sku","onHand","effectiveDate"}}; a record id seen before at the same location changes
 * nothing. Returns the SKUs whose stock was set, so that their backorders are allocated.
 */
@Service
public class InventoryUpdates {
    private final Inventory inventory;
    private final Idempotency idempotency;
    private final JsonMapper json;
    private final TransactionTemplate transaction;

    InventoryUpdates(Inventory inventory, Idempotency idempotency, JsonMapper json, TransactionTemplate transaction) {
        this.inventory = inventory;
        this.idempotency = idempotency;
        this.json = json;
        this.transaction = transaction;
    }

    public Set<String> apply(String ndjson) {
        return transaction.execute(tx -> {
            Set<String> skus = new LinkedHashSet<>();
            try (BufferedReader reader = new BufferedReader(new StringReader(ndjson))) {
                JsonNode header = parse(reader.readLine(), 1);
                String location = header.path("location").asString("");
                if (location.isBlank() || !"UPDATE".equals(header.path("mode").asString("UPDATE"))) {
                    throw new PermanentFailure("line 1: the header needs a location and mode UPDATE");
                }
                String line;
                int number = 1;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode record = parse(line, number);
                    String recordId = record.path("recordId").asString("");
                    String sku = record.path("sku").asString("");
                    if (recordId.isBlank()
                            || sku.isBlank()
                            || !record.path("onHand").canConvertToInt()
                            || record.path("onHand").asInt() < 0) {
                        throw new PermanentFailure("line " + number + ": a record needs recordId, sku and onHand >= 0");
                    }
                    if (idempotency.claim("inventory-record:" + location, recordId, location)) {
                        inventory.setOnHand(location, sku, record.path("onHand").asInt());
                        skus.add(sku);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return skus;
        });
    }

    private JsonNode parse(String line, int number) {
        if (line == null) {
            throw new PermanentFailure("the update is empty");
        }
        try {
            return json.readTree(line);
        } catch (JacksonException malformed) {
            throw new PermanentFailure("line " + number + ": malformed JSON: " + malformed.getOriginalMessage());
        }
    }
}
