package io.alluvium.cli;

import io.alluvium.architect.DesignCommand;
import io.alluvium.cli.bench.BenchCommand;
import io.alluvium.cli.jobs.BatchCommand;
import io.alluvium.cli.jobs.DemoCommand;
import io.alluvium.cli.jobs.GenerateCommand;
import io.alluvium.cli.jobs.PipelineCommand;
import io.alluvium.cli.jobs.ReconcileCommand;
import io.alluvium.cli.jobs.RunCommand;
import io.alluvium.cli.jobs.StreamCommand;
import io.alluvium.cli.platform.DownCommand;
import io.alluvium.cli.platform.StatusCommand;
import io.alluvium.cli.platform.UpCommand;
import io.alluvium.cli.serving.ServeCommand;
import io.alluvium.cli.serving.WatchCommand;
import io.alluvium.cli.settings.SettingsCommand;
import io.alluvium.cli.doctor.DoctorCommand;
import io.alluvium.cli.tables.MaintainCommand;
import io.alluvium.cli.tables.SqlCommand;
import io.alluvium.cli.tables.TableCommand;
import io.alluvium.config.ConfigException;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.runtime.ExitCode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code alluvium} command. Exit codes: 0 success, 1 a job or an invariant failed, 2 bad input
 * (flags, settings, a port in use). Errors are one message; the stack trace only with ALLUVIUM_DEBUG=1.
 */
@Command(name = "alluvium", mixinStandardHelpOptions = true, version = "alluvium 0.1.0",
        description = "A data platform that runs the classic AWS data architectures for real: "
                + "Kafka → Flink → Iceberg (Bronze) → Spark (Silver, Gold).",
        subcommands = {DemoCommand.class, RunCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class,
            GenerateCommand.class, StreamCommand.class, ReconcileCommand.class, BatchCommand.class, PipelineCommand.class, SqlCommand.class, TableCommand.class, MaintainCommand.class, DoctorCommand.class, SettingsCommand.class, BenchCommand.class,
            ServeCommand.class, WatchCommand.class,
            DesignCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests run it in-process). */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        OptionValues.register(cmd);
        cmd.setExecutionExceptionHandler(Main::handle);
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.BAD_INPUT.code();
        });
        return cmd;
    }

    private static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        ExitCode code;
        if (ex instanceof ConfigException || ex instanceof UserError || ex instanceof BadInputException) {
            err.println("error: " + ex.getMessage());
            code = ExitCode.BAD_INPUT;
        } else if (ex instanceof JobFailure || ex instanceof IllegalStateException
                || ex instanceof UncheckedIOException) {
            err.println("error: " + ex.getMessage());
            code = ExitCode.FAILED;
        } else {
            err.println("error: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                    + " (run with ALLUVIUM_DEBUG=1 for the stack trace)");
            code = ExitCode.FAILED;
        }
        if (System.getenv("ALLUVIUM_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }
}
