package dev.switchboard.server;

import dev.switchboard.runtime.startup.Prewarm;
import dev.switchboard.server.batch.BatchCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * {@code java -jar quarkus-run.jar} runs the server; {@code java -jar quarkus-run.jar batch <in.jsonl> <outdir>}
 * runs one batch file through the configured routes and exits (README, "Batch jobs").
 */
@QuarkusMain
public class ServerMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("batch")) {
            BatchCommand.launch(args);
            return;
        }
        // in parallel with the boot: the JDK-level work of the first proxied answer (Prewarm); off with
        // SWITCHBOARD_PREWARM=false (read here, before configuration exists)
        if (prewarmEnabled(System.getenv("SWITCHBOARD_PREWARM"))) {
            Prewarm.startInBackground();
        }
        Quarkus.run(args);
    }

    static boolean prewarmEnabled(String env) {
        return env == null || !env.trim().equalsIgnoreCase("false");
    }
}
