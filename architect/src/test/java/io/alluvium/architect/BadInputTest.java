package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad files end with exit code 2 and one line naming the file line and the field, never a stack trace. */
class BadInputTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            unknown key;            'volume:\\n  per_day: 1 TB\\n  per_dya: 2 TB';             3; volume.per_dya; unknown key
            unknown top key;        'name: x\\nvelocty:\\n  mode: batch';                      2; velocty; unknown key
            wrong unit;             'volume:\\n  per_day: 100 ms';                               2; volume.per_day; unit "ms"
            missing unit;           'volume:\\n  per_day: 100';                                  2; volume.per_day; is not a size
            negative;               'volume:\\n  event_size: -5 KB';                             2; volume.event_size; negative
            absurd volume;          'volume:\\n  per_day: 900 PB';                               2; volume.per_day; plausible range
            absurd peak;            'volume:\\n  peak_factor: 500';                              2; volume.peak_factor; plausible range
            availability over 100;  'sla:\\n  availability: 120%';                               2; sla.availability; plausible range
            batch with 100 ms;      'velocity:\\n  mode: batch\\n  latency: 100 ms';             3; velocity.latency; contradicts velocity.mode batch
            two volumes disagree;   'volume:\\n  per_day: 1 TB\\n  events_per_s: 1000000';       3; volume.events_per_s; contradicts volume.per_day
            pii unencrypted;        'security:\\n  pii: true\\n  encryption: none';              3; security.encryption; contradicts security.pii
            direct S3 streaming;    'velocity:\\n  mode: streaming\\nchoices:\\n  ingestion: s3_direct'; 4; choices.ingestion; contradicts velocity.mode
            unknown choice value;   'choices:\\n  purchase: cheap';                              2; choices.purchase; is not one of
            unknown mode;           'velocity:\\n  mode: realtime';                              2; velocity.mode; is not one of
            window over interval;   'velocity:\\n  latency: 1 h\\n  batch_window: 3 h';          3; velocity.batch_window; runs would overlap
            unknown region;         'region: mars-1';                                            1; region; no price table
            lookups without pattern; 'users:\\n  patterns: [sql]\\n  point_lookups_per_s: 10';   3; users.point_lookups_per_s; no point_lookups
            peak below average;     'volume:\\n  events_per_s: 1000\\n  peak_events_per_s: 500';     3; volume.peak_events_per_s; 500 events/s is 0.5x the average 1,000 events/s
            peak factor disagrees;  'volume:\\n  events_per_s: 1000\\n  peak_events_per_s: 5000\\n  peak_factor: 2'; 4; volume.peak_factor; 2 contradicts volume.peak_events_per_s 5,000
            fractional writers;     'velocity:\\n  writer_parallelism: 2.5';                      2; velocity.writer_parallelism; not a whole number
            micro-batch too long;   'velocity:\\n  micro_batch_interval: 2 h';                     2; velocity.micro_batch_interval; plausible range
            zero compression;       'volume:\\n  compression:\\n    bronze: 0';                   3; volume.compression.bronze; plausible range
            ratio above one;        'volume:\\n  compression:\\n    producer: 1.5';               3; volume.compression.producer; plausible range
            query latency too low;  'users:\\n  query_latency: 5 ms';                             2; users.query_latency; plausible range
            fractional nodes;       'choices:\\n  batch_compute: emr\\ncurrent_state:\\n  emr:\\n    nodes: 2.5'; 5; current_state.emr.nodes; not a whole number
            deployment without emr; 'current_state:\\n  emr:\\n    nodes: 3';                     2; current_state.emr; set choices.batch_compute: emr
            duplicate key;          'volume:\\n  per_day: 1 TB\\n  event_size: 2 KB\\n  per_day: 2 TB'; 4; volume.per_day; duplicate key (first at line 2, again at line 4
            duplicate section;      'volume:\\n  per_day: 1 TB\\nname: x\\nvolume:\\n  event_size: 2 KB'; 4; volume; duplicate key (first at line 1, again at line 4
            """)
    void rejectsWithExitCodeTwoNamingTheFieldAndLine(String title, String yaml, int line, String field, String message) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml.replace("\\n", "\n"));
        Fixtures.Run run = Fixtures.run(file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("alluvium design: " + file + ":" + line + ": " + field + ": ").contains(message)
                .doesNotContain("Exception", "\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            not yaml;          'volume: [unclosed';                     (document)
            not a mapping;     '- a list';                             (document)
            """)
    void rejectsBrokenDocuments(String title, String yaml, String field) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, yaml);
        Fixtures.Run run = Fixtures.run(file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(field).doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            missing file;           --nope.yaml;            no such file
            json and html;          --json --html X;        exclusive
            unknown service;        --explain warp-drive;   unknown service
            """)
    void rejectsBadOptions(String title, String args, String message) {
        String[] argv = args.replace("--nope.yaml", dir.resolve("nope.yaml").toString())
                .replace("X", "examples/q1-100tb-logs.yaml").split(" ");
        Fixtures.Run run = Fixtures.run(argv);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            records without bytes;  '{"kafka_producer_records_per_s": 100000}'; kafka_producer_records_per_s; kafka_record_bytes is required
            negative rate;          '{"spark_rows_per_s_per_core": -3}';          spark_rows_per_s_per_core; negative
            """)
    void rejectsBadCalibration(String title, String json, String field, String message) throws IOException {
        Path bench = dir.resolve("bench.json");
        Files.writeString(bench, json);
        Fixtures.Run run = Fixtures.run("--calibration", bench.toString(), "examples/q1-100tb-logs.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bench + ":1: " + field).contains(message);
    }
}
