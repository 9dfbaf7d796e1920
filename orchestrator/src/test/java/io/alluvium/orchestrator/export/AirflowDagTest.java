package io.alluvium.orchestrator.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.orchestrator.Schedule;
import org.junit.jupiter.api.Test;

/** The DAG file's operators, their retries and timeouts, its dependencies and schedule. */
class AirflowDagTest {
    private final String dag = AirflowDag.source(SamplePipeline.of(), Schedule.parse("0 3 * * *"));

    /** The lines of the operator of {@code task}, from its opening line to its closing parenthesis. */
    private String operator(String task) {
        int start = dag.indexOf("    tasks[\"" + task + "\"] = BashOperator(");
        assertThat(start).as("operator of " + task).isNotNegative();
        return dag.substring(start, dag.indexOf("\n    )", start));
    }

    @Test
    void theDagIsNamedAfterThePipelineAndScheduledByTheSetting() {
        assertThat(AirflowDag.fileName(SamplePipeline.of())).isEqualTo("alluvium_sample.py");
        assertThat(dag).contains("    dag_id=\"alluvium_sample\",\n", "    schedule=\"0 3 * * *\",\n",
                "    catchup=False,\n");
        assertThat(AirflowDag.source(SamplePipeline.of(), Schedule.MANUAL)).contains("    schedule=None,\n");
    }

    @Test
    void eachTaskRunsItsCommandWithItsRetryPolicyAndTimeout() {
        assertThat(operator("silver")).contains(
                "task_id=\"silver\",",
                "bash_command=\"alluvium batch silver\",",
                "retries=2,",
                "retry_delay=timedelta(seconds=30),",
                "retry_exponential_backoff=True,",
                "max_retry_delay=timedelta(seconds=60),",
                "execution_timeout=timedelta(seconds=3600),");
        assertThat(operator("publish")).contains("retries=0,", "execution_timeout=timedelta(seconds=600),")
                .doesNotContain("retry_delay");
    }

    @Test
    void aPartitionedTaskGetsTheDayOfItsRun() {
        assertThat(operator("gold")).contains(
                "bash_command=\"alluvium batch gold --day {{ ds }}\",",
                "retries=1,",
                "retry_delay=timedelta(seconds=1.5),",
                "max_retry_delay=timedelta(seconds=1.5),");
    }

    @Test
    void argumentsAreQuotedForTheShellAndThenForPython() {
        assertThat(operator("quality")).contains("bash_command=\"alluvium reconcile --note 'it'\\\\''s {checked}'\",");
    }

    @Test
    void dependenciesFanOutAndIn() {
        assertThat(dag).contains(
                "    tasks[\"silver\"] >> tasks[\"gold\"]\n",
                "    tasks[\"gold\"] >> [tasks[\"publish\"], tasks[\"quality\"]]\n",
                "    tasks[\"publish\"] >> tasks[\"maintain\"]\n",
                "    tasks[\"quality\"] >> tasks[\"maintain\"]\n");
    }
}
