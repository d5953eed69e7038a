package dev.orderhub.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A trading partner's connector file (connectors/partners/&lt;id&gt;.yaml): where its files arrive and go, which
 * formats it sends, the defaults its documents lack, and (for EDI) its X12 envelope settings.
 */
public record Partner(
        String id,
        String title,
        Location inbound,
        Location outbound,
        List<String> formats,
        Map<String, Object> defaults,
        JsonNode x12) {
    public Partner {
        formats = formats == null ? List.of() : List.copyOf(formats);
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    }

    /** A folder or an SFTP directory; secrets only by environment variable name. */
    public record Location(
            String type,
            String path,
            String host,
            Integer port,
            String user,
            String directory,
            String privateKeyFile,
            String passwordEnv,
            String knownHostsFile,
            Boolean strictHostKeyChecking,
            Long pollDelayMs) {}

    /** The defaults as a mapping sees them ({@code $partner}), with the partner's id. */
    public Map<String, Object> binding() {
        Map<String, Object> binding = new LinkedHashMap<>(defaults);
        binding.put("id", id);
        return binding;
    }
}
