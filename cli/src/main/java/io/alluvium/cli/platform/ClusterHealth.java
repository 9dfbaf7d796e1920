package io.alluvium.cli.platform;

import java.util.Optional;

/**
 * The health of an embedded cluster's processes as the cluster itself sees them ({@code alluvium status}): a process
 * can run without being of use, e.g. a worker its master has lost.
 */
interface ClusterHealth {

    /** The health of the cluster's process {@code name}; empty for a process not of this cluster. */
    Optional<String> of(String name);
}
