package io.alluvium.flink.bench;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.CatalogProperties;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;

/** The landing bench's scratch namespaces that the catalog still holds: none, once a bench is over. */
final class ScratchNamespaces {
    private ScratchNamespaces() {
    }

    static List<String> exist(AlluviumConfig config) throws Exception {
        Catalog catalog = CatalogUtil.buildIcebergCatalog(CatalogProperties.name(config),
                CatalogProperties.of(config), new Configuration());
        try (AutoCloseable closing = (AutoCloseable) catalog) {
            return Stream.of(LandingBench.FLINK_NAMESPACE, LandingBench.PLAIN_NAMESPACE)
                    .filter(n -> ((SupportsNamespaces) catalog).namespaceExists(Namespace.of(n)))
                    .toList();
        }
    }
}
