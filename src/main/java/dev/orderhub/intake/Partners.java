package dev.orderhub.intake;

import dev.orderhub.connector.ConnectorFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Every partner connector file under connectors/partners/, by partner id. */
@Component
public class Partners {
    private final Map<String, Partner> byId = new LinkedHashMap<>();

    Partners(ConnectorFiles files) {
        Path folder = files.path("partners", "x").getParent();
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .forEach(p -> {
                        String name = p.getFileName().toString().replaceFirst("\\.yaml$", "");
                        Partner partner = files.convert(files.read("partners", name), Partner.class);
                        byId.put(partner.id() != null ? partner.id() : name, partner);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list partner files in " + folder, e);
        }
    }

    public Optional<Partner> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Partner get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no partner " + id + " in connectors/partners"));
    }

    public Iterable<Partner> all() {
        return byId.values();
    }
}
