package dev.switchboard.auth;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints a new gateway key and the config entry holding its hash:
 * {@code java -cp src/auth/target/classes dev.switchboard.auth.NewKey <id> [--tenant T] [--admin]}.
 * The key is shown once; only the hash goes into config.
 */
public final class NewKey {

    private NewKey() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String id = null;
        String tenant = null;
        boolean admin = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--tenant" -> {
                    if (i + 1 >= args.size()) {
                        return usage(err, "--tenant needs a value");
                    }
                    tenant = args.get(++i);
                }
                case "--admin" -> admin = true;
                case "-h", "--help" -> {
                    return usage(out, null);
                }
                default -> {
                    if (a.startsWith("-") || id != null) {
                        return usage(err, "unexpected argument " + a);
                    }
                    id = a;
                }
            }
        }
        if (id == null) {
            id = admin ? "admin" : null;
        }
        if (!ApiKeys.isValidId(id)) {
            return usage(err, "a key id of 1-64 [A-Za-z0-9_.-] is required");
        }
        String key = ApiKeys.generate(id);
        String hash = ApiKeys.hash(key);
        out.println("key (shown once; give it to the app, store it nowhere else):");
        out.println("  " + key);
        out.println();
        out.println("config entry (application.yaml):");
        out.println("switchboard:");
        out.println("  auth:");
        if (admin) {
            out.println("    admin-key-hash: \"" + hash + "\"");
        } else {
            out.println("    keys:");
            out.println("      " + id + ":");
            out.println("        hash: \"" + hash + "\"");
            out.println("        tenant: " + (tenant == null ? id : tenant));
            out.println("        # models: [\"*\"]");
            out.println("        # budget: { usd-per-day: 5, usd-per-month: 100 }");
            out.println("        # limits: { requests-per-minute: 60, tokens-per-minute: 100000 }");
        }
        return 0;
    }

    private static int usage(PrintStream to, String problem) {
        if (problem != null) {
            to.println("error: " + problem);
        }
        to.println("usage: NewKey <id> [--tenant TENANT] | NewKey --admin");
        return problem == null ? 0 : 2;
    }
}
