package io.alluvium.spark;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.CatalogProperties;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * The platform's Iceberg catalog without Spark, for commands that only read metadata ({@code table
 * list|describe|history}): answering them takes a second instead of a SparkSession's start.
 */
public final class IcebergCatalogs {
    private IcebergCatalogs() {
    }

    public static Catalog open(AlluviumConfig config) {
        return CatalogUtil.buildIcebergCatalog(CatalogProperties.name(config), CatalogProperties.of(config),
                new Configuration());
    }
}
