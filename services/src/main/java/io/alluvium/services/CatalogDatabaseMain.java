package io.alluvium.services;

import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ServiceRunner;

/**
 * Child JVM main of the catalog's embedded PostgreSQL ({@code alluvium up}): ready line with the JDBC
 * URL once it answers a query, then serves until SIGTERM.
 */
public final class CatalogDatabaseMain {
    private CatalogDatabaseMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, jobArgs, out) ->
                ServiceRunner.runUntilTerminated("catalog-database", CatalogDatabase.of(config), out));
    }
}
