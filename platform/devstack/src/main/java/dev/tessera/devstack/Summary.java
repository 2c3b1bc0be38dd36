package dev.tessera.devstack;

import java.nio.file.Path;
import java.time.Duration;

/** What {@code ./tessera up} prints once everything answers. */
final class Summary {

    private Summary() {
    }

    static String of(LocalStack stack, Path dataDir, Duration took) {
        StringBuilder text = new StringBuilder();
        text.append("%nTessera is up (%.1f s).%n%n".formatted(took.toMillis() / 1000.0));
        text.append("  Graph base URL         %s/v1.0%n".formatted(stack.gatewayUrl()));
        for (String service : LocalStack.SERVICES) {
            for (int r = 0; r < stack.replicas(); r++) {
                String url = "http://127.0.0.1:" + stack.servicePort(service, r);
                text.append("  %-22s %s   Swagger UI %s/q/swagger-ui   health %s/q/health%n"
                        .formatted(LocalStack.replicaName(service, r), url, url, url));
            }
        }
        text.append("  %-22s localhost:%d   user postgres, password postgres, databases %s%n".formatted(
                "PostgreSQL", stack.pgPort(), String.join(", ",
                        LocalStack.SERVICES.stream().map(LocalStack::database).toList())));
        text.append("  %-22s %s   topics tessera.*, tessera.*.dlq%n".formatted("Kafka", stack.kafkaBootstrap()));
        text.append("  %-22s %s   (SMTP localhost:%d; JSON at %smails)%n".formatted("Mails sent", stack.mail().url(),
                stack.mail().smtpPort(), stack.mail().url()));
        text.append("  %-22s %s%n".formatted("Logs", dataDir.resolve("logs")));
        text.append("""

                A token for an administrator, then a first call:
                  TOKEN=$(./tessera token --user 00000000-0000-0000-0000-0000000000a1 --role "Identity Governance Administrator")
                  curl -H "Authorization: Bearer $TOKEN" %s/v1.0/identityGovernance/entitlementManagement/catalogs
                A token for any user: ./tessera token --user <object id> [--mfa] [--ttl PT1H]

                Ctrl-C (or ./tessera down) stops everything; data is kept (./tessera up --wipe starts from scratch).
                """.formatted(stack.gatewayUrl()));
        return text.toString();
    }
}
