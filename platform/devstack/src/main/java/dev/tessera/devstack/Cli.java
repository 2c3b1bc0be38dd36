package dev.tessera.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Parsed command line of {@code ./tessera}. */
record Cli(String command, Path root, boolean wipe, String user, List<String> roles, boolean mfa, Duration ttl,
        String topic, String bootstrap, Path commandConfig, boolean service, String email, String scopes, boolean app,
        int replicas, int requests, int workers) {

    static final String USAGE = """
            usage: ./tessera up [--wipe] [--replicas N]
                                                 run Kafka, PostgreSQL, the services (N processes of each,
                                                 default 1) and the gateway
                   ./tessera down                stop a running stack
                   ./tessera wipe                delete the stack's data (while stopped)
                   ./tessera status              what is running
                   ./tessera token --user <object id> [--role "<directory role>"]... [--mfa] [--ttl PT8H]
                                                 [--email jen@bar.com]  (the token's email claim: an
                                                 external requestor's address)
                                                 [--scp "User.Read ..."]  (the delegated scopes; default:
                                                 every ReadWrite scope of Tessera's Graph API, an admin
                                                 app's consent)
                   ./tessera token --app --role <application permission>... [--user <app id>] [--ttl PT8H]
                                                 an app-only token (client credentials, no scp), e.g.
                                                 --role EntitlementManagement.ReadWrite.All
                   ./tessera token --service [--ttl PT8H]
                                                 request-service's service token (like the one ./tessera up
                                                 gives each service: app-only, Tessera.Internal and reads)
                   ./tessera redrive <topic>.dlq [--bootstrap host:port] [--command-config client.properties]
                                                 send dead-lettered events back to their topic; the
                                                 properties file holds Kafka client security settings
                                                 (security.protocol, sasl.*, ssl.*) as for Kafka's tools
                   ./tessera drill [--replicas 2] [--requests 1000] [--workers 8]
                                                 the fault drill: starts the stack (stop a running one
                                                 first), runs the load while it crashes and restarts one
                                                 replica of each service, Kafka and PostgreSQL, checks that
                                                 nothing was lost or doubled, and writes a report under
                                                 .tessera/drill/ (exit status 4 when it finds something)
                   ./tessera bench [-Dtessera.benchmark.<setting>=<value>]...
                                                 the benchmark (docs/benchmarks.md): builds, starts its own
                                                 stack, runs the bulk, flood, steady, expiry and read-scale
                                                 scenarios and writes reports and charts under
                                                 e2e-tests/target/benchmark/ (asserts no speed)""";

    static final List<String> COMMANDS = List.of("up", "down", "wipe", "status", "token", "redrive", "drill", "help");

    static Cli parse(String[] args) {
        String command = null;
        Path root = Path.of("").toAbsolutePath();
        boolean wipe = false;
        String user = null;
        List<String> roles = new ArrayList<>();
        boolean mfa = false;
        Duration ttl = Duration.ofHours(8);
        String topic = null;
        String bootstrap = "localhost:" + LocalStack.DEFAULT_KAFKA_PORT;
        Path commandConfig = null;
        boolean service = false;
        String email = null;
        String scopes = null;
        boolean app = false;
        Integer replicas = null;
        int requests = 1000;
        int workers = 8;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--root" -> root = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "--wipe" -> wipe = true;
                case "--user" -> user = value(args, ++i, arg);
                case "--role" -> roles.add(value(args, ++i, arg));
                case "--mfa" -> mfa = true;
                case "--service" -> service = true;
                case "--email" -> email = value(args, ++i, arg);
                case "--scp" -> scopes = value(args, ++i, arg);
                case "--app" -> app = true;
                case "--replicas" -> replicas = number(value(args, ++i, arg), arg, 1, 9);
                case "--requests" -> requests = number(value(args, ++i, arg), arg, 1, 1_000_000);
                case "--workers" -> workers = number(value(args, ++i, arg), arg, 1, 256);
                case "--ttl" -> ttl = duration(value(args, ++i, arg));
                case "--bootstrap" -> bootstrap = value(args, ++i, arg);
                case "--command-config" -> commandConfig = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "-h", "--help" -> command = "help";
                default -> {
                    if ("redrive".equals(command) && topic == null && !arg.startsWith("-")) {
                        topic = arg;
                    } else if (arg.startsWith("-") || command != null) {
                        throw new IllegalArgumentException("Unexpected argument '" + arg + "'\n" + USAGE);
                    } else {
                        command = arg;
                    }
                }
            }
        }
        if (command == null) {
            command = "help";
        }
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("Unknown command '" + command + "'\n" + USAGE);
        }
        if (command.equals("token") && service && (user != null || !roles.isEmpty() || mfa || email != null
                || scopes != null || app)) {
            throw new IllegalArgumentException("token --service is the service's own identity: no --user, --role, --mfa, "
                    + "--email, --scp or --app\n" + USAGE);
        }
        if (command.equals("token") && app && (mfa || email != null || scopes != null)) {
            throw new IllegalArgumentException("token --app is app-only (nobody signs in): no --mfa, --email or --scp\n"
                    + USAGE);
        }
        if (command.equals("token") && app && roles.isEmpty()) {
            throw new IllegalArgumentException("token --app needs at least one --role <application permission>, e.g. "
                    + "EntitlementManagement.Read.All\n" + USAGE);
        }
        if (command.equals("token") && user == null && !service && !app) {
            throw new IllegalArgumentException("token needs --user <object id> (or --app, or --service)\n" + USAGE);
        }
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+")) {
            throw new IllegalArgumentException("--email takes an address such as jen@bar.com, not '" + email + "'");
        }
        if (command.equals("redrive") && (topic == null || !topic.endsWith(".dlq"))) {
            throw new IllegalArgumentException("redrive needs a dead-letter topic, e.g. tessera.assignment.events.dlq\n" + USAGE);
        }
        if (replicas != null && !command.equals("up") && !command.equals("drill")) {
            throw new IllegalArgumentException("--replicas is for up and drill\n" + USAGE);
        }
        return new Cli(command, root, wipe, user, List.copyOf(roles), mfa, ttl, topic, bootstrap, commandConfig, service,
                email, scopes, app, replicas != null ? replicas : command.equals("drill") ? 2 : 1, requests, workers);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static int number(String text, String option, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(option + " takes a number from " + min + " to " + max + ", not '" + text + "'");
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--ttl takes an ISO-8601 duration such as PT8H");
        }
    }
}
