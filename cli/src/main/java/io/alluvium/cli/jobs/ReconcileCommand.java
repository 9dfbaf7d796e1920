package io.alluvium.cli.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ExitCode;
import picocli.CommandLine.Command;

/** {@code alluvium reconcile}: proves invariants 1, 2 and 3 on the platform as it is now. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Count every layer and check invariants 1 and 2 against what the generator sent, and"
                + " invariant 3 (serving store = gold.city_hourly_sales) when the serving store holds city-hours;"
                + " exit 1 if one fails.",
                "Both views cover the same events only once landing + batch and the realtime job have caught up"
                + " with the topics."})
public final class ReconcileCommand extends PlatformCommand {
    @Override
    public Integer call() {
        AlluviumConfig config = config();
        Preflight.requireServingStoreAccess(config);
        Preflight.requireCatalog(config);
        Preflight.requireSparkMaster(config);
        Reconciliation reconciliation = Reconciliation.measure(config, "reconcile");
        if (console().json()) {
            ObjectNode doc = Console.JSON.createObjectNode();
            doc.put("ok", reconciliation.allHold());
            doc.set("checks", Console.JSON.valueToTree(reconciliation.checks()));
            doc.set("tables", reconciliation.tables());
            console().printJson(doc);
        } else {
            reconciliation.print(console());
            GoldSample.print(reconciliation.tables(), console());
        }
        return reconciliation.allHold() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }
}
