package io.alluvium.flink.realtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.flink.run.RestorePoint;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.DataDir;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;

/**
 * Where the realtime job keeps its keyed state ({@code realtime.state-backend}). Its state grows with the
 * stream it has seen: every event id of the dedup retention (7 days at 1,000 events/s are 600 million ids),
 * the open windows, the user features' last hour, the fraud rules' history. On the heap (the default, the
 * fastest) it is bounded by {@code flink.heap} and every checkpoint writes all of it. RocksDB keeps it on local
 * disk, caches it in {@code realtime.state-memory} of Flink's managed memory and checkpoints only the files
 * written since the last checkpoint, so a checkpoint's cost follows the rate of change, not the state's size.
 */
final class RealtimeStateBackend {
    static final String ROCKSDB = "rocksdb";

    private RealtimeStateBackend() {
    }

    /** The Flink settings of the configured backend. */
    static Configuration settings(AlluviumConfig config) {
        String backend = config.getString(AlluviumSettings.REALTIME_STATE_BACKEND);
        Configuration flink = new Configuration();
        flink.set(StateBackendOptions.STATE_BACKEND, backend);
        if (ROCKSDB.equals(backend)) {
            flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            // a working copy, rebuilt from the checkpoint on every start: scratch space of the data directory
            flink.set(RocksDBOptions.LOCAL_DIRECTORIES, DataDir.of(config).tmp().resolve("rocksdb").toString());
            flink.set(TaskManagerOptions.MANAGED_MEMORY_SIZE,
                    new MemorySize(config.getMemory(AlluviumSettings.REALTIME_STATE_MEMORY).bytes()));
            // most lookups miss (a new event id, a user's new second): a bloom filter answers those without
            // reading a block
            flink.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        }
        return flink;
    }

    /**
     * Refuses, before Flink starts, a resume that the configured backend cannot read: Flink itself would
     * restart the job three times and fail on the state handles' type. An incremental RocksDB checkpoint
     * (left by a job that was killed) only RocksDB reads; a savepoint (a clean stop) any backend reads.
     */
    static void requireReadable(AlluviumConfig config, RestorePoint point) {
        String backend = config.getString(AlluviumSettings.REALTIME_STATE_BACKEND);
        if (point.incremental() && !ROCKSDB.equals(backend)) {
            throw new ChildProtocol.BadInputException("the realtime job's last checkpoint (" + point.path()
                    + ") holds RocksDB files, which " + AlluviumSettings.REALTIME_STATE_BACKEND + "=" + backend
                    + " cannot read: run the job once more with " + AlluviumSettings.REALTIME_STATE_BACKEND + "="
                    + ROCKSDB + " and stop it cleanly (Ctrl-C or --until-caught-up end with a savepoint, which "
                    + "either backend resumes), or delete " + RealtimeJob.stateDir(config)
                    + " to replay the topics from the start");
        }
    }
}
