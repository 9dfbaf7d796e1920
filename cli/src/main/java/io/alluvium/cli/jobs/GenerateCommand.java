package io.alluvium.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.ResultViews;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigDef;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * {@code alluvium generate}: the marketplace's three topics into Kafka. Its flags are the
 * {@code generator.*} settings themselves ({@code --seed} is {@code generator.seed}), derived from
 * their declaration so that a flag and a setting can never disagree in name, type or documentation.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, modelTransformer = GenerateCommand.SettingFlags.class,
        description = "Produce clickstream, orders and payments events into Kafka and report what was sent per topic.")
public final class GenerateCommand extends PlatformCommand {
    static final String PREFIX = "generator.";

    /** Adds one option per {@code generator.*} setting. */
    static final class SettingFlags implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (ConfigDef.Key key : AlluviumSettings.DEFINITION.keys()) {
                if (key.name().startsWith(PREFIX)) {
                    spec.addOption(OptionSpec.builder("--" + key.name().substring(PREFIX.length()))
                            .type(String.class)
                            .paramLabel(key.type().name())
                            .description(key.doc().replace("%", "%%") + " (setting " + key.name() + ", default " + key.defaultText() + ")")
                            .build());
                }
            }
            return spec;
        }
    }

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String setting = PREFIX + option.longestName().substring(2);
            if (AlluviumSettings.DEFINITION.has(setting) && option.getValue() != null) {
                flags.put(setting, option.getValue());
            }
        }
        AlluviumConfig config = config().with(flags, "command line");
        Preflight.requireKafka(config);
        console().step("generating " + config.getLong(AlluviumSettings.GENERATOR_EVENTS) + " events (seed "
                + config.getLong(AlluviumSettings.GENERATOR_SEED) + ")");
        JsonNode report = Generation.run(config);
        ResultViews.show(report, console());
        return 0;
    }
}
