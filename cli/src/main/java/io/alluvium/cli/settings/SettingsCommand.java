package io.alluvium.cli.settings;

import io.alluvium.cli.PlatformCommand;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alluvium settings}: every key of alluvium.yaml with its default and meaning, or the values in
 * force ({@code --effective}, secrets hidden), or a commented YAML file to start from ({@code --yaml}).
 */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "List every setting with its default and meaning (--yaml: as a commented alluvium.yaml).")
public final class SettingsCommand extends PlatformCommand {
    @Option(names = "--yaml", description = "Print a complete alluvium.yaml with every default, commented.")
    boolean yaml;

    @Option(names = "--effective", description = "Show the values in force (file + --set), secrets hidden.")
    boolean effective;

    @Override
    public Integer call() {
        if (yaml) {
            console().out().print(yamlDocument());
            console().out().flush();
            return 0;
        }
        Map<String, String> values = effective ? config().describe() : AlluviumConfig.defaults().describe();
        if (console().json()) {
            console().printJson(values);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ConfigDef.Key key : AlluviumSettings.DEFINITION.keys()) {
            rows.add(List.of(key.name(), values.get(key.name()), key.doc()));
        }
        console().proseTable(List.of("key", effective ? "value" : "default", "meaning"), rows);
        return 0;
    }

    /** alluvium.yaml with every key at its default, grouped by section, each with its documentation. */
    static String yamlDocument() {
        StringBuilder sb = new StringBuilder("# alluvium.yaml — every setting with its default (alluvium settings --yaml).\n"
                + "# Delete what you do not change; an unknown key is an error.\n");
        String section = null;
        for (ConfigDef.Key key : AlluviumSettings.DEFINITION.keys()) {
            int dot = key.name().indexOf('.');
            String head = key.name().substring(0, dot);
            if (!head.equals(section)) {
                sb.append('\n').append(head).append(":\n");
                section = head;
            }
            sb.append("  # ").append(key.doc()).append('\n');
            sb.append("  ").append(key.name().substring(dot + 1)).append(": ")
                    .append(quote(key.defaultText())).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String text) {
        return text.isEmpty() || !text.matches("[A-Za-z0-9_./\\-\\[\\]]+") ? "\"" + text.replace("\"", "\\\"") + "\""
                : text;
    }
}
