package dev.switchboard.server;

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
        Quarkus.run(args);
    }
}
