package io.alluvium.flink.landing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.tables.BronzeTable;
import java.io.Closeable;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

/**
 * The Bronze side of the platform's one Iceberg catalog, as the landing job needs it: the namespace and
 * the three {@code <namespace>.<topic>} tables created if missing (with the contract from
 * {@link BronzeTable}), and table loaders that Flink's sink operators can serialize and reopen on their
 * own. The namespace is {@code bronze}, or a scratch one with the same contract (the landing bench's).
 */
public final class BronzeCatalog implements AutoCloseable {
    private final String name;
    private final Map<String, String> properties;
    private final Catalog catalog;
    private final Namespace namespace;

    private BronzeCatalog(String name, Map<String, String> properties, Catalog catalog, Namespace namespace) {
        this.name = name;
        this.properties = properties;
        this.catalog = catalog;
        this.namespace = namespace;
    }

    /** The catalog, for the tables of {@code namespace} ({@code bronze} or a scratch one). */
    public static BronzeCatalog open(AlluviumConfig config, String namespace) {
        String name = CatalogProperties.name(config);
        Map<String, String> properties = CatalogProperties.of(config);
        return new BronzeCatalog(name, properties,
                CatalogUtil.buildIcebergCatalog(name, properties, new Configuration()), Namespace.of(namespace));
    }

    TableIdentifier identifier(Topic topic) {
        return TableIdentifier.of(namespace, topic.topicName());
    }

    /** Creates what is missing and returns the three tables; concurrent creators are tolerated. */
    public Map<Topic, Table> createMissingTables() {
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
            try {
                namespaces.createNamespace(namespace);
            } catch (AlreadyExistsException e) {
                // another process created it meanwhile
            }
        }
        Map<Topic, Table> tables = new EnumMap<>(Topic.class);
        for (Topic topic : Topic.values()) {
            TableIdentifier id = identifier(topic);
            if (!catalog.tableExists(id)) {
                try {
                    catalog.createTable(id, BronzeTable.SCHEMA, BronzeTable.SPEC, BronzeTable.PROPERTIES);
                } catch (AlreadyExistsException e) {
                    // another process created it meanwhile
                }
            }
            tables.put(topic, catalog.loadTable(id));
        }
        return tables;
    }

    /**
     * Drops the three tables with their files, and the namespace: scratch namespaces only, so that no
     * mistake can purge Bronze.
     */
    public void dropScratchTables() {
        if (namespace.equals(Namespace.of(Layer.BRONZE.namespace()))) {
            throw new IllegalStateException("refusing to drop the tables of " + namespace + ": not a scratch namespace");
        }
        for (Topic topic : Topic.values()) {
            catalog.dropTable(identifier(topic), true);
        }
        if (catalog instanceof SupportsNamespaces namespaces && namespaces.namespaceExists(namespace)) {
            namespaces.dropNamespace(namespace);
        }
    }

    /** A loader for one table, opened by each Flink operator that writes or commits to it. */
    TableLoader tableLoader(Topic topic) {
        // the same implementation the catalog type resolved to (JDBC by default, REST at scale)
        CatalogLoader loader = CatalogLoader.custom(name, properties, new Configuration(),
                catalog.getClass().getName());
        return TableLoader.fromCatalog(loader, identifier(topic));
    }

    @Override
    public void close() throws IOException {
        if (catalog instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
