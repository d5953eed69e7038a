package dev.orderhub.order;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * The one JSON shape of the hub: money as plain decimal strings, nulls left out, unknown fields ignored. Blackbird reads
 * and writes properties through generated lambdas (the same JSON, less CPU than reflective accessors).
 */
public final class OrderJson {
    private OrderJson() {}

    static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.addModule(new BlackbirdModule())
                .withConfigOverride(
                        BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL));
    }

    /** A mapper configured as the application's, for code and tests outside Spring. */
    public static JsonMapper mapper() {
        return configure(JsonMapper.builder()).build();
    }
}
