package dev.tessera.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import dev.tessera.devstack.GatewayRoutes;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders deploy/base and each overlay with the real {@code kubectl kustomize} ({@link KubectlKustomize}), so
 * what is checked is what {@code kubectl apply -k} applies, parses every object with the fabric8
 * Kubernetes model (Strimzi and CloudNativePG resources as GenericKubernetesResource) and checks that
 * the pieces fit: references, probes and ports against the services, topics against docs/events.md,
 * Kafka ACLs, network policies, and what each overlay promises.
 */
class ManifestConsistencyTest {

    static final Path ROOT = Path.of(System.getProperty("tessera.root", "..")).toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final List<String> SERVICES = List.of("catalog-service", "request-service", "provisioning-service", "pim-service");
    static final String NAMESPACE = "tessera";
    /** Objects the operator creates by hand before applying an overlay; docs/deploy.md must say how. */
    static final Set<String> USER_CREATED = Set.of("ConfigMap/tessera-jwt", "Secret/tessera-backup-s3", "Secret/tessera-tls",
            "Secret/tessera-service-token", "Secret/tessera-custom-extensions");
    /** The keys of those secrets that Deployments read; docs/deploy.md creates them with these keys. */
    static final Map<String, Set<String>> USER_CREATED_KEYS = Map.of(
            "tessera-backup-s3", Set.of("ACCESS_KEY_ID", "ACCESS_SECRET_KEY"),
            "tessera-service-token", Set.of("token"),
            "tessera-custom-extensions", Set.of("signing-secret"));
    /** The service token's environment variable (ServiceIdentity.TOKEN_ENV) and who sends it: every service. */
    static final String SERVICE_TOKEN_ENV = "TESSERA_SERVICE_TOKEN";
    static final String SERVICE_TOKEN_FILE_ENV = "TESSERA_SERVICE_TOKEN_FILE";
    static final Set<String> SERVICE_TOKEN_CALLERS = Set.copyOf(SERVICES);
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final ObjectMapper JSON = new ObjectMapper();

    record Manifests(String overlay, List<HasMetadata> objects) {
        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<GenericKubernetesResource> crs(String kind) {
            return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
        }

        <T extends HasMetadata> T get(Class<T> type, String name) {
            return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
        }

        Deployment deployment(String name) {
            return get(Deployment.class, name);
        }
    }

    static Manifests render(String overlay) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> doc : KubectlKustomize.render(DEPLOY.resolve(overlay))) {
            try {
                Object parsed = SERIALIZATION.unmarshal(JSON.writeValueAsString(doc));
                assertTrue(parsed instanceof HasMetadata, overlay + ": not a Kubernetes object: " + doc);
                objects.add((HasMetadata) parsed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Manifests(overlay, objects);
    }

    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyDocumentParsesAndBelongsToTheNamespace(String overlay) {
        Manifests m = render(overlay);
        Set<String> seen = new HashSet<>();
        for (HasMetadata o : m.objects()) {
            String id = o.getKind() + "/" + o.getMetadata().getName();
            assertTrue(seen.add(id), overlay + ": duplicate " + id);
            assertFalse(o.getKind().equals("Secret"), overlay + ": secret values do not belong in git: " + id);
            if (!(o instanceof Namespace)) {
                assertEquals(NAMESPACE, o.getMetadata().getNamespace(), overlay + ": namespace of " + id);
            }
            assertEquals("tessera", o.getMetadata().getLabels().get("app.kubernetes.io/part-of"), id);
            if (o instanceof GenericKubernetesResource g) {
                assertTrue(g.getApiVersion().startsWith("kafka.strimzi.io/") || g.getApiVersion().startsWith("postgresql.cnpg.io/"),
                        overlay + ": only Strimzi and CloudNativePG resources are custom: " + id);
            }
        }
        assertEquals(4, m.all(Deployment.class).size(), overlay);
        assertEquals(4, m.crs("Cluster").size(), overlay);
        assertEquals(1, m.crs("Kafka").size(), overlay);
        assertFalse(m.crs("KafkaNodePool").isEmpty(), overlay);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyReferencedObjectExistsOrIsCreatedByAnOperatorOrDocumented(String overlay) throws IOException {
        Manifests m = render(overlay);
        Map<String, Set<String>> available = available(m);
        String deployDoc = Files.readString(ROOT.resolve("docs/deploy.md"));
        for (String external : USER_CREATED) {
            assertTrue(deployDoc.contains(external.substring(external.indexOf('/') + 1)),
                    "docs/deploy.md must say how to create " + external);
        }
        for (Deployment d : m.all(Deployment.class)) {
            String where = overlay + ": Deployment " + d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertExists(available, "ServiceAccount", pod.getServiceAccountName(), where);
            for (Container c : pod.getContainers()) {
                for (EnvFromSource ef : c.getEnvFrom()) {
                    if (ef.getConfigMapRef() != null) {
                        assertExists(available, "ConfigMap", ef.getConfigMapRef().getName(), where);
                    }
                    if (ef.getSecretRef() != null) {
                        assertExists(available, "Secret", ef.getSecretRef().getName(), where);
                    }
                }
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() == null) {
                        continue;
                    }
                    if (e.getValueFrom().getSecretKeyRef() != null) {
                        var ref = e.getValueFrom().getSecretKeyRef();
                        assertExists(available, "Secret", ref.getName(), where);
                        Set<String> keys = available.get("SecretKeys/" + ref.getName());
                        if (keys != null) {
                            assertTrue(keys.contains(ref.getKey()), where + ": secret " + ref.getName() + " has no key " + ref.getKey());
                        }
                    }
                    if (e.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = e.getValueFrom().getConfigMapKeyRef();
                        assertTrue(m.get(ConfigMap.class, ref.getName()).getData().containsKey(ref.getKey()), where + ": " + ref);
                    }
                }
            }
            for (Volume v : pod.getVolumes()) {
                if (v.getSecret() != null) {
                    assertExists(available, "Secret", v.getSecret().getSecretName(), where);
                }
                if (v.getConfigMap() != null) {
                    assertExists(available, "ConfigMap", v.getConfigMap().getName(), where);
                }
            }
            // every host:port a service is configured to call is a Service with that port
            for (Map.Entry<String, String> e : effectiveConfig(m, d).entrySet()) {
                for (Endpoint ep : endpoints(e.getValue())) {
                    assertExists(available, "Service", ep.host(), where + " " + e.getKey());
                    Integer port = available.get("ServicePorts/" + ep.host()) == null ? null : ep.port();
                    if (port != null) {
                        assertTrue(available.get("ServicePorts/" + ep.host()).contains(String.valueOf(port)),
                                where + ": " + e.getKey() + " uses port " + port + " that Service " + ep.host() + " does not expose");
                    }
                }
            }
        }
        for (GenericKubernetesResource c : m.crs("Cluster")) {
            Map<String, Object> s3 = path(c, "spec", "backup", "barmanObjectStore", "s3Credentials");
            assertNotNull(s3, overlay + ": Cluster " + c.getMetadata().getName() + " has no backup object store");
            for (Object ref : s3.values()) {
                assertExists(available, "Secret", (String) ((Map<?, ?>) ref).get("name"), "Cluster " + c.getMetadata().getName());
            }
        }
        for (GenericKubernetesResource b : m.crs("ScheduledBackup")) {
            String cluster = (String) path(b, "spec", "cluster").get("name");
            assertTrue(m.crs("Cluster").stream().anyMatch(c -> c.getMetadata().getName().equals(cluster)), "ScheduledBackup for " + cluster);
        }
        for (String kind : List.of("KafkaTopic", "KafkaUser", "KafkaNodePool")) {
            for (GenericKubernetesResource r : m.crs(kind)) {
                String cluster = r.getMetadata().getLabels().get("strimzi.io/cluster");
                assertTrue(m.crs("Kafka").stream().anyMatch(k -> k.getMetadata().getName().equals(cluster)),
                        overlay + ": " + kind + " " + r.getMetadata().getName() + " names Kafka cluster " + cluster);
            }
        }
        // every service's database is one of the CloudNativePG clusters and every cluster has a backup schedule
        for (GenericKubernetesResource c : m.crs("Cluster")) {
            String name = c.getMetadata().getName();
            assertTrue(m.crs("ScheduledBackup").stream().anyMatch(b -> name.equals(path(b, "spec", "cluster").get("name"))),
                    overlay + ": no ScheduledBackup for " + name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void deploymentsMatchTheServicesTheyRun(String overlay) throws IOException {
        Manifests m = render(overlay);
        for (String service : SERVICES) {
            Deployment d = m.deployment(service);
            String where = overlay + ": " + service;
            Properties props = applicationProperties(service);
            int httpPort = Integer.parseInt(props.getProperty("quarkus.http.port"));
            String pom = Files.readString(ROOT.resolve(service).resolve("pom.xml"));
            assertTrue(pom.contains("<artifactId>quarkus-smallrye-health</artifactId>"), service + " must expose /q/health");
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertEquals(1, pod.getContainers().size(), where);
            Container c = pod.getContainers().get(0);
            int containerPort = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(where + ": no port named http")).getContainerPort();
            assertEquals(httpPort, containerPort, where + ": container port vs quarkus.http.port");
            assertProbe(c.getStartupProbe(), "/q/health/started", where + " startup");
            assertProbe(c.getReadinessProbe(), "/q/health/ready", where + " readiness");
            assertProbe(c.getLivenessProbe(), "/q/health/live", where + " liveness");
            assertTrue(c.getImage().contains("tessera/" + service), where + ": image " + c.getImage());
            for (String kind : List.of("requests", "limits")) {
                var q = kind.equals("requests") ? c.getResources().getRequests() : c.getResources().getLimits();
                assertNotNull(q, where + ": resources." + kind);
                assertTrue(q.containsKey("cpu") && q.containsKey("memory"), where + ": cpu and memory " + kind);
            }
            assertEquals(service, pod.getServiceAccountName(), where);
            // graceful shutdown: the grace period outlasts preStop + quarkus.shutdown.timeout
            String timeout = effectiveConfig(m, d).get("QUARKUS_SHUTDOWN_TIMEOUT");
            assertNotNull(timeout, where + ": QUARKUS_SHUTDOWN_TIMEOUT");
            long shutdown = Long.parseLong(timeout.replace("s", ""));
            long preStop = c.getLifecycle() == null || c.getLifecycle().getPreStop() == null ? 0
                    : c.getLifecycle().getPreStop().getSleep().getSeconds();
            assertTrue(pod.getTerminationGracePeriodSeconds() > shutdown + preStop + 5,
                    where + ": terminationGracePeriodSeconds too short for the shutdown timeout");
            // its Service selects its pods and forwards to the http port
            Service svc = m.get(Service.class, service);
            assertTrue(selects(svc.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()), where + ": Service selector");
            assertTrue(selects(d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate().getMetadata().getLabels()),
                    where + ": Deployment selector");
            for (ServicePort p : svc.getSpec().getPorts()) {
                assertEquals("http", p.getTargetPort().getStrVal(), where + ": Service targetPort");
            }
            // its datasource points at its own CloudNativePG cluster with the operator's credentials
            Map<String, String> config = effectiveConfig(m, d);
            String cluster = "tessera-" + service.replace("-service", "") + "-db";
            assertTrue(config.get("QUARKUS_DATASOURCE_REACTIVE_URL").startsWith("postgresql://" + cluster + "-rw:5432/"), where);
            assertTrue(config.get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://" + cluster + "-rw:5432/"), where);
            assertEquals(cluster + "-app", secretOf(c, "QUARKUS_DATASOURCE_PASSWORD"), where);
            assertEquals(service, secretOf(c, "KAFKA_SASL_JAAS_CONFIG"), where + ": Kafka credentials from its KafkaUser");
            // the Kafka bootstrap is the Strimzi cluster's, on a listener that authenticates
            GenericKubernetesResource kafka = m.crs("Kafka").get(0);
            Endpoint bootstrap = endpoints("x://" + config.get("KAFKA_BOOTSTRAP_SERVERS")).get(0);
            assertEquals(kafka.getMetadata().getName() + "-kafka-bootstrap", bootstrap.host(), where);
            Map<String, Object> listener = listeners(kafka).stream()
                    .filter(l -> ((Number) l.get("port")).intValue() == bootstrap.port()).findFirst()
                    .orElseThrow(() -> new AssertionError(where + ": no Kafka listener on " + bootstrap.port()));
            assertEquals("scram-sha-512", ((Map<?, ?>) listener.get("authentication")).get("type"), where);
            assertEquals("SCRAM-SHA-512", config.get("KAFKA_SASL_MECHANISM"), where);
            assertEquals(Boolean.TRUE.equals(listener.get("tls")) ? "SASL_SSL" : "SASL_PLAINTEXT", config.get("KAFKA_SECURITY_PROTOCOL"), where);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyTopicOfTheEventsDocHasAKafkaTopicAndNoOther(String overlay) throws IOException {
        Manifests m = render(overlay);
        Set<String> expected = new TreeSet<>();
        for (String t : eventsDocTopics().keySet()) {
            expected.add(t);
            expected.add(t + ".dlq");
        }
        Set<String> declared = new TreeSet<>();
        for (GenericKubernetesResource t : m.crs("KafkaTopic")) {
            declared.add(topicName(t));
            int replicas = ((Number) path(t, "spec").get("replicas")).intValue();
            int minIsr = Integer.parseInt(String.valueOf(path(t, "spec", "config").get("min.insync.replicas")));
            assertTrue(replicas <= brokers(m), overlay + ": " + topicName(t) + " has more replicas than brokers");
            assertTrue(minIsr < replicas || replicas == 1 && minIsr == 1, overlay + ": " + topicName(t) + " min.insync.replicas");
            assertNotNull(path(t, "spec", "config").get("retention.ms"), overlay + ": retention of " + topicName(t));
        }
        // a compacted state topic has no dead-letter topic (docs/events.md, "Compacted topics")
        Map<String, Map<String, Set<String>>> compacted = compactedDocTopics();
        expected.addAll(compacted.keySet());
        for (GenericKubernetesResource t : m.crs("KafkaTopic")) {
            boolean compact = "compact".equals(String.valueOf(path(t, "spec", "config").get("cleanup.policy")));
            assertEquals(compacted.containsKey(topicName(t)), compact, overlay + ": cleanup.policy of " + topicName(t));
        }
        assertEquals(expected, declared, overlay + ": KafkaTopics vs docs/events.md");
        for (String service : SERVICES) {
            for (String topic : channelTopics(service).keySet()) {
                assertTrue(declared.contains(topic), service + " uses " + topic + ", which has no KafkaTopic");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void kafkaUsersMayUseExactlyTheirTopics(String overlay) throws IOException {
        Manifests m = render(overlay);
        Set<String> topics = new HashSet<>();
        m.crs("KafkaTopic").forEach(t -> topics.add(topicName(t)));
        Map<String, List<Acl>> aclsByUser = new HashMap<>();
        for (GenericKubernetesResource u : m.crs("KafkaUser")) {
            String user = u.getMetadata().getName();
            assertEquals("scram-sha-512", path(u, "spec", "authentication").get("type"), user);
            List<Acl> acls = new ArrayList<>();
            for (Object o : (List<?>) path(u, "spec", "authorization").get("acls")) {
                Map<?, ?> acl = (Map<?, ?>) o;
                Map<?, ?> res = (Map<?, ?>) acl.get("resource");
                Acl a = new Acl((String) res.get("type"), (String) res.get("name"),
                        Objects.toString(res.get("patternType"), "literal"), new HashSet<>((List<String>) acl.get("operations")));
                if (a.type().equals("topic")) {
                    assertTrue(a.pattern().equals("literal") ? topics.contains(a.name()) : topics.stream().anyMatch(t -> t.startsWith(a.name())),
                            overlay + ": KafkaUser " + user + " has an ACL for unknown topic " + a.name());
                }
                acls.add(a);
            }
            aclsByUser.put(user, acls);
        }
        Map<String, Map<String, Set<String>>> doc = eventsDocTopics();
        // the operator's re-drive reads every dead-letter topic and writes back to its origin, nothing more
        List<Acl> redrive = aclsByUser.get("tessera-redrive");
        assertNotNull(redrive, overlay + ": no KafkaUser for ./tessera redrive");
        for (String topic : topics) {
            boolean dlq = topic.endsWith(".dlq");
            assertEquals(dlq, allows(redrive, "topic", topic, "Read"), overlay + ": tessera-redrive Read " + topic);
            assertEquals(!dlq && topics.contains(topic + ".dlq"), allows(redrive, "topic", topic, "Write"),
                    overlay + ": tessera-redrive Write " + topic);
        }
        assertTrue(allows(redrive, "group", "tessera-redrive", "Read"), overlay + ": tessera-redrive consumer group");
        // literal names only: the re-drive's fixed mapping (<topic>.dlq -> <topic>) reaches no other topic
        for (Acl acl : redrive) {
            assertEquals("literal", acl.pattern(), overlay + ": tessera-redrive ACL " + acl);
            if (acl.operations().contains("Write")) {
                assertTrue(acl.type().equals("topic") && !acl.name().endsWith(".dlq") && topics.contains(acl.name() + ".dlq"),
                        overlay + ": tessera-redrive may write only an origin topic of a dead-letter topic: " + acl);
            }
        }
        for (String service : SERVICES) {
            List<Acl> acls = aclsByUser.get(service);
            assertNotNull(acls, overlay + ": no KafkaUser for " + service);
            for (Map.Entry<String, Map<String, Set<String>>> t : doc.entrySet()) {
                boolean produces = t.getValue().get("producer").contains(service);
                boolean consumes = t.getValue().get("consumers").contains(service);
                assertEquals(produces, allows(acls, "topic", t.getKey(), "Write"), overlay + ": " + service + " Write " + t.getKey());
                assertEquals(consumes, allows(acls, "topic", t.getKey(), "Read"), overlay + ": " + service + " Read " + t.getKey());
                assertEquals(consumes, allows(acls, "topic", t.getKey() + ".dlq", "Write"), overlay + ": " + service + " Write " + t.getKey() + ".dlq");
            }
            for (Map.Entry<String, Map<String, Set<String>>> t : compactedDocTopics().entrySet()) {
                boolean produces = t.getValue().get("producer").contains(service);
                boolean reads = t.getValue().get("consumers").contains(service);
                assertEquals(produces, allows(acls, "topic", t.getKey(), "Write"), overlay + ": " + service + " Write " + t.getKey());
                assertEquals(reads, allows(acls, "topic", t.getKey(), "Read"), overlay + ": " + service + " Read " + t.getKey());
            }
            for (Map.Entry<String, String> channel : channelTopics(service).entrySet()) {
                String topic = channel.getKey();
                if (channel.getValue().equals("dlq")) {
                    assertTrue(allows(acls, "topic", topic, "Write"), service + " dead-letters to " + topic);
                } else {
                    assertTrue(allows(acls, "topic", topic, "Read"), service + " consumes " + topic);
                    assertTrue(allows(acls, "group", channel.getValue(), "Read"), service + " consumes in group " + channel.getValue());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void networkPoliciesLetEachServiceReachOnlyWhatItCalls(String overlay) {
        Manifests m = render(overlay);
        List<Map<String, String>> pods = podLabelSets(m);
        for (NetworkPolicy np : m.all(NetworkPolicy.class)) {
            String where = overlay + ": NetworkPolicy " + np.getMetadata().getName();
            assertTrue(pods.stream().anyMatch(p -> selects(np.getSpec().getPodSelector(), p)), where + " selects no pod");
            Stream.concat(np.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()),
                    np.getSpec().getEgress().stream().flatMap(r -> r.getTo().stream()))
                    .filter(peer -> peer.getNamespaceSelector() == null && peer.getPodSelector() != null)
                    .forEach(peer -> assertTrue(pods.stream().anyMatch(p -> selects(peer.getPodSelector(), p)),
                            where + ": peer " + peer.getPodSelector().getMatchLabels() + " matches no pod"));
        }
        for (String service : SERVICES) {
            Deployment d = m.deployment(service);
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> own = m.all(NetworkPolicy.class).stream().filter(np -> selects(np.getSpec().getPodSelector(), labels)).toList();
            assertEquals(1, own.size(), overlay + ": " + service + " needs exactly one NetworkPolicy");
            NetworkPolicy np = own.get(0);
            assertTrue(np.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")), service + ": policy types");
            // the services it is configured to call, and nothing else among Tessera's services
            Set<String> calls = new TreeSet<>();
            for (String value : effectiveConfig(m, d).values()) {
                for (Endpoint ep : endpoints(value)) {
                    if (SERVICES.contains(ep.host())) {
                        calls.add(ep.host());
                        Map<String, String> target = m.deployment(ep.host()).getSpec().getTemplate().getMetadata().getLabels();
                        assertTrue(np.getSpec().getEgress().stream().anyMatch(r -> r.getTo().stream().anyMatch(p -> peerSelects(p, target))
                                && portAllowed(r.getPorts(), ep.port())), overlay + ": " + service + " may not reach " + ep);
                        NetworkPolicy targetPolicy = m.get(NetworkPolicy.class, ep.host());
                        assertTrue(targetPolicy.getSpec().getIngress().stream().anyMatch(r -> r.getFrom().stream().anyMatch(p -> peerSelects(p, labels))),
                                overlay + ": " + ep.host() + " does not admit " + service);
                    }
                }
            }
            Set<String> reachable = new TreeSet<>();
            for (String other : SERVICES) {
                Map<String, String> target = m.deployment(other).getSpec().getTemplate().getMetadata().getLabels();
                if (np.getSpec().getEgress().stream().anyMatch(r -> r.getTo().stream().anyMatch(p -> peerSelects(p, target)))) {
                    reachable.add(other);
                }
            }
            assertEquals(calls, reachable, overlay + ": " + service + " reaches exactly the services it calls");
            // its own database and Kafka, and no other service's database
            String cluster = "tessera-" + service.replace("-service", "") + "-db";
            for (GenericKubernetesResource c : m.crs("Cluster")) {
                Map<String, String> dbPod = Map.of("cnpg.io/cluster", c.getMetadata().getName());
                boolean allowed = np.getSpec().getEgress().stream().anyMatch(r -> r.getTo().stream().anyMatch(p -> peerSelects(p, dbPod)));
                assertEquals(c.getMetadata().getName().equals(cluster), allowed, overlay + ": " + service + " egress to " + c.getMetadata().getName());
                NetworkPolicy dbPolicy = m.all(NetworkPolicy.class).stream().filter(p -> selects(p.getSpec().getPodSelector(), dbPod))
                        .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy for " + c.getMetadata().getName()));
                boolean admits = dbPolicy.getSpec().getIngress().stream().anyMatch(r -> r.getFrom().stream().anyMatch(p -> peerSelects(p, labels)));
                assertEquals(c.getMetadata().getName().equals(cluster), admits, overlay + ": " + c.getMetadata().getName() + " admits " + service);
            }
            String kafka = m.crs("Kafka").get(0).getMetadata().getName();
            Map<String, String> kafkaPod = Map.of("strimzi.io/cluster", kafka, "strimzi.io/kind", "Kafka");
            assertTrue(np.getSpec().getEgress().stream().anyMatch(r -> r.getTo().stream().anyMatch(p -> peerSelects(p, kafkaPod))),
                    overlay + ": " + service + " may not reach Kafka");
            for (Map<String, Object> l : listeners(m.crs("Kafka").get(0))) {
                List<?> peers = (List<?>) l.get("networkPolicyPeers");
                assertTrue(peers != null && peers.stream().anyMatch(p -> selects(
                        new LabelSelector(null, (Map<String, String>) ((Map<?, ?>) ((Map<?, ?>) p).get("podSelector")).get("matchLabels")), labels)),
                        overlay + ": Kafka listener " + l.get("name") + " does not admit " + service);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void theIngressRoutesEveryGraphPathLikeTheLocalGateway(String overlay) {
        Manifests m = render(overlay);
        Ingress ingress = m.get(Ingress.class, "tessera");
        Map<String, Set<String>> available = available(m);
        Map<String, String> routed = new LinkedHashMap<>();
        for (IngressRule rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                String where = overlay + ": Ingress path " + p.getPath();
                assertEquals("Prefix", p.getPathType(), where + " must match whole segments like the gateway");
                // only the Graph roots: a service's /q/* (metrics, openapi, health) and /internal/* stay in the cluster
                assertTrue(p.getPath().startsWith("/v1.0/")
                        || p.getPath().startsWith("/beta/identityGovernance/entitlementManagement"), where + " is not under a Graph root");
                assertFalse(p.getPath().equals("/") || p.getPath().startsWith("/q") || p.getPath().startsWith("/internal")
                        || p.getPath().contains("/internal"), where + " exposes a service's own endpoints");
                var backend = p.getBackend().getService();
                assertExists(available, "Service", backend.getName(), where);
                Service service = m.get(Service.class, backend.getName());
                assertTrue(service.getSpec().getPorts().stream().anyMatch(sp -> backend.getPort().getName() != null
                        ? backend.getPort().getName().equals(sp.getName())
                        : backend.getPort().getNumber().equals(sp.getPort())), where + ": Service " + backend.getName() + " has no such port");
                assertTrue(allowsIngressController(m, backend.getName()),
                        where + ": the NetworkPolicy of " + backend.getName() + " does not admit the ingress controller");
                assertEquals(null, routed.put(p.getPath(), backend.getName()), where + " is routed twice");
            }
        }
        Map<String, String> gateway = new LinkedHashMap<>();
        GatewayRoutes.routes().forEach(r -> gateway.put(r.prefix(), r.service()));
        assertEquals(gateway, routed, overlay + ": the Ingress and the local gateway (GatewayRoutes) route differently");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyServiceGetsTheServiceTokenFromItsSecretAndChecksTheAudience(String overlay) throws IOException {
        Manifests m = render(overlay);
        for (String service : SERVICES) {
            Deployment d = m.deployment(service);
            String where = overlay + ": " + service;
            assertFalse(effectiveConfig(m, d).containsKey(SERVICE_TOKEN_ENV), where + ": a token value does not belong in git");
            assertTrue(effectiveConfig(m, d).containsKey("MP_JWT_VERIFY_AUDIENCES"),
                    where + ": tokens are checked for Tessera's audience (mp.jwt.verify.audiences)");
            assertFalse(effectiveConfig(m, d).containsKey(SERVICE_TOKEN_FILE_ENV) && !SERVICE_TOKEN_CALLERS.contains(service),
                    where + ": " + SERVICE_TOKEN_FILE_ENV);
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            assertFalse(c.getEnv().stream().anyMatch(e -> e.getName().equals(SERVICE_TOKEN_ENV)),
                    where + ": the token is mounted as a file (read again when the Secret changes), not an env value");
            Optional<String> file = c.getEnv().stream().filter(e -> e.getName().equals(SERVICE_TOKEN_FILE_ENV))
                    .map(EnvVar::getValue).findFirst();
            assertEquals(SERVICE_TOKEN_CALLERS.contains(service), file.isPresent(), where + ": " + SERVICE_TOKEN_FILE_ENV);
            if (file.isPresent()) {
                // the file lies in a read-only mount of the Secret tessera-service-token, key token
                Path path = Path.of(file.get());
                var mount = c.getVolumeMounts().stream()
                        .filter(vm -> path.getParent().equals(Path.of(vm.getMountPath()))).findFirst()
                        .orElseThrow(() -> new AssertionError(where + ": nothing mounted at " + path.getParent()));
                assertTrue(Boolean.TRUE.equals(mount.getReadOnly()), where + ": the token mount is read-only");
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                        .orElseThrow(() -> new AssertionError(where + ": no volume " + mount.getName()));
                assertNotNull(volume.getSecret(), where + ": the token volume is a Secret");
                assertEquals("tessera-service-token", volume.getSecret().getSecretName(), where);
                assertTrue(volume.getSecret().getItems().stream()
                        .anyMatch(i -> i.getKey().equals("token") && i.getPath().equals(path.getFileName().toString())),
                        where + ": the Secret's key token is the file " + path.getFileName());
            }
        }
        for (ConfigMap cm : m.all(ConfigMap.class)) {
            assertFalse(cm.getData() != null && cm.getData().keySet().stream()
                    .anyMatch(k -> k.equals(SERVICE_TOKEN_ENV) || k.equalsIgnoreCase("tessera.service-token")),
                    overlay + ": ConfigMap " + cm.getMetadata().getName() + " holds a service token");
        }
        String deployDoc = Files.readString(ROOT.resolve("docs/deploy.md"));
        assertTrue(deployDoc.contains("create secret generic tessera-service-token") && deployDoc.contains("token="),
                "docs/deploy.md must say how to create the secret tessera-service-token with its key token");
    }

    @Test
    void prodServesTheGraphHostOverTlsOnly() {
        Ingress ingress = render("overlays/prod").get(Ingress.class, "tessera");
        List<IngressTLS> tls = ingress.getSpec().getTls();
        assertEquals(1, tls.size());
        assertEquals("tessera-tls", tls.get(0).getSecretName());
        for (IngressRule rule : ingress.getSpec().getRules()) {
            assertNotNull(rule.getHost(), "a prod rule without a host answers any host name");
            assertTrue(tls.get(0).getHosts().contains(rule.getHost()), rule.getHost() + " has no certificate");
        }
        assertTrue(render("overlays/dev").get(Ingress.class, "tessera").getSpec().getTls() == null
                || render("overlays/dev").get(Ingress.class, "tessera").getSpec().getTls().isEmpty());
    }

    static boolean allowsIngressController(Manifests m, String service) {
        return m.all(NetworkPolicy.class).stream()
                .filter(np -> service.equals(np.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))
                .flatMap(np -> np.getSpec().getIngress().stream())
                .flatMap(rule -> rule.getFrom().stream())
                .anyMatch(peer -> peer.getNamespaceSelector() != null && peer.getNamespaceSelector().getMatchLabels() != null
                        && "true".equals(peer.getNamespaceSelector().getMatchLabels().get("tessera.dev/ingress")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyServiceHasAPublicBaseUrlForItsLinks(String overlay) {
        Manifests m = render(overlay);
        for (String service : SERVICES) {
            String base = effectiveConfig(m, m.deployment(service)).get("TESSERA_PUBLIC_BASE_URL");
            assertNotNull(base, overlay + ": " + service + " has no TESSERA_PUBLIC_BASE_URL, so links would follow the client's Host");
            URI url = URI.create(base);
            assertTrue(url.getHost() != null && url.getRawQuery() == null && url.getRawFragment() == null
                    && List.of("http", "https").contains(url.getScheme()), overlay + ": " + service + " TESSERA_PUBLIC_BASE_URL " + base);
            if (overlay.equals("overlays/prod")) {
                String host = m.get(Ingress.class, "tessera").getSpec().getRules().get(0).getHost();
                assertEquals("https://" + host, base, "prod: links name the Ingress host over TLS");
            }
        }
    }

    @Test
    void devRunsOneOfEverything() {
        Manifests m = render("overlays/dev");
        m.all(Deployment.class).forEach(d -> assertEquals(1, d.getSpec().getReplicas(), d.getMetadata().getName()));
        m.crs("KafkaTopic").forEach(t -> assertEquals(1, ((Number) path(t, "spec").get("replicas")).intValue(), topicName(t)));
        m.crs("Cluster").forEach(c -> assertEquals(1, ((Number) path(c, "spec").get("instances")).intValue(), c.getMetadata().getName()));
        assertEquals(1, brokers(m));
        assertEquals(1, Integer.parseInt(String.valueOf(path(m.crs("Kafka").get(0), "spec", "kafka", "config").get("offsets.topic.replication.factor"))));
        assertTrue(m.all(PodDisruptionBudget.class).isEmpty() && m.all(HorizontalPodAutoscaler.class).isEmpty());
        assertTrue(m.deployment("catalog-service").getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                .startsWith("registry.example.com/tessera/catalog-service:"));
    }

    @Test
    void prodSpreadsReplicasAndProtectsThem() {
        Manifests m = render("overlays/prod");
        assertTrue(brokers(m) >= 3);
        m.crs("KafkaTopic").forEach(t -> assertEquals(3, ((Number) path(t, "spec").get("replicas")).intValue(), topicName(t)));
        m.crs("Cluster").forEach(c -> assertTrue(((Number) path(c, "spec").get("instances")).intValue() >= 3, c.getMetadata().getName()));
        for (String service : SERVICES) {
            Deployment d = m.deployment(service);
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(d.getSpec().getReplicas() >= 2, service + " replicas");
            var anti = d.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
            assertTrue(anti.getRequiredDuringSchedulingIgnoredDuringExecution().stream()
                    .anyMatch(t -> t.getTopologyKey().equals("kubernetes.io/hostname") && selects(t.getLabelSelector(), labels)), service + " anti-affinity");
            List<PodDisruptionBudget> pdbs = m.all(PodDisruptionBudget.class).stream()
                    .filter(p -> selects(p.getSpec().getSelector(), labels)).toList();
            assertEquals(1, pdbs.size(), service + " PodDisruptionBudget");
            List<HorizontalPodAutoscaler> hpas = m.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && h.getSpec().getScaleTargetRef().getName().equals(service)).toList();
            assertEquals(1, hpas.size(), service + " HorizontalPodAutoscaler");
            assertTrue(hpas.get(0).getSpec().getMinReplicas() >= 2 && hpas.get(0).getSpec().getMinReplicas() <= d.getSpec().getReplicas(),
                    service + " HPA minReplicas");
        }
        for (PodDisruptionBudget p : m.all(PodDisruptionBudget.class)) {
            assertTrue(m.all(Deployment.class).stream().anyMatch(d -> selects(p.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels())),
                    "PodDisruptionBudget " + p.getMetadata().getName() + " selects nothing");
        }
    }

    // ---------------------------------------------------------------------------------------------

    record Endpoint(String host, int port) {
    }

    record Acl(String type, String name, String pattern, Set<String> operations) {
    }

    private static final Pattern URL = Pattern.compile("^[a-z][a-z0-9+.-]*://([^/:@,\\s]+):(\\d+)");

    /** host:port of a URL value ("http://catalog-service:8081", "jdbc:postgresql://x-rw:5432/db"). */
    static List<Endpoint> endpoints(String value) {
        Matcher matcher = URL.matcher(value.startsWith("jdbc:") ? value.substring(5) : value);
        return matcher.find() ? List.of(new Endpoint(matcher.group(1), Integer.parseInt(matcher.group(2)))) : List.of();
    }

    /** The environment a Deployment's container sees from its ConfigMaps and literal env values. */
    static Map<String, String> effectiveConfig(Manifests m, Deployment d) {
        Map<String, String> env = new LinkedHashMap<>();
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (EnvFromSource ef : c.getEnvFrom()) {
            if (ef.getConfigMapRef() != null) {
                env.putAll(m.get(ConfigMap.class, ef.getConfigMapRef().getName()).getData());
            }
        }
        for (EnvVar e : c.getEnv()) {
            if (e.getValue() != null) {
                env.put(e.getName(), e.getValue());
            }
        }
        return env;
    }

    static String secretOf(Container c, String env) {
        return c.getEnv().stream().filter(e -> e.getName().equals(env)).findFirst()
                .map(e -> e.getValueFrom().getSecretKeyRef().getName()).orElseThrow(() -> new AssertionError("no env " + env));
    }

    /** Names (by kind) of objects in the manifests, created by the operators for the CRs, or documented as created by hand. */
    static Map<String, Set<String>> available(Manifests m) {
        Map<String, Set<String>> a = new HashMap<>();
        for (HasMetadata o : m.objects()) {
            add(a, o.getKind(), o.getMetadata().getName());
            if (o instanceof Service s) {
                s.getSpec().getPorts().forEach(p -> add(a, "ServicePorts/" + s.getMetadata().getName(), String.valueOf(p.getPort())));
            }
        }
        for (GenericKubernetesResource c : m.crs("Cluster")) { // CloudNativePG
            String n = c.getMetadata().getName();
            add(a, "Secret", n + "-app");
            a.put("SecretKeys/" + n + "-app", Set.of("username", "password", "host", "port", "dbname", "uri", "jdbc-uri"));
            for (String suffix : List.of("-rw", "-ro", "-r")) {
                add(a, "Service", n + suffix);
                add(a, "ServicePorts/" + n + suffix, "5432");
            }
        }
        for (GenericKubernetesResource k : m.crs("Kafka")) { // Strimzi
            String n = k.getMetadata().getName();
            add(a, "Secret", n + "-cluster-ca-cert");
            add(a, "Service", n + "-kafka-bootstrap");
            listeners(k).forEach(l -> add(a, "ServicePorts/" + n + "-kafka-bootstrap", String.valueOf(l.get("port"))));
        }
        for (GenericKubernetesResource u : m.crs("KafkaUser")) { // Strimzi User Operator
            add(a, "Secret", u.getMetadata().getName());
            a.put("SecretKeys/" + u.getMetadata().getName(), Set.of("password", "sasl.jaas.config"));
        }
        for (String external : USER_CREATED) {
            String[] parts = external.split("/");
            add(a, parts[0], parts[1]);
        }
        USER_CREATED_KEYS.forEach((secret, keys) -> a.put("SecretKeys/" + secret, keys));
        return a;
    }

    static void add(Map<String, Set<String>> a, String kind, String name) {
        a.computeIfAbsent(kind, k -> new HashSet<>()).add(name);
    }

    static void assertExists(Map<String, Set<String>> available, String kind, String name, String where) {
        assertNotNull(name, where + ": " + kind + " without a name");
        assertTrue(available.getOrDefault(kind, Set.of()).contains(name),
                where + " references " + kind + " " + name + ", which is neither in the manifests, operator-created nor documented");
    }

    static void assertProbe(Probe probe, String path, String where) {
        assertNotNull(probe, where + " probe");
        assertEquals(path, probe.getHttpGet().getPath(), where + " probe path");
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), where + " probe port");
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            fail("matchExpressions are not checked here; use matchLabels");
        }
        return selects(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels(), labels);
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return labels != null && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** A peer selects pods in the policy's own namespace only when it has no namespace selector. */
    static boolean peerSelects(NetworkPolicyPeer peer, Map<String, String> labels) {
        return peer.getNamespaceSelector() == null && peer.getIpBlock() == null && selects(peer.getPodSelector(), labels);
    }

    static boolean portAllowed(List<NetworkPolicyPort> ports, int port) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() != null
                && p.getPort().getIntVal() != null && p.getPort().getIntVal() == port);
    }

    /** Label sets of every pod the manifests lead to: Deployments' templates, and the operators' pods. */
    static List<Map<String, String>> podLabelSets(Manifests m) {
        List<Map<String, String>> pods = new ArrayList<>();
        m.all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getMetadata().getLabels()));
        m.crs("Cluster").forEach(c -> pods.add(Map.of("cnpg.io/cluster", c.getMetadata().getName())));
        m.crs("Kafka").forEach(k -> pods.add(Map.of("strimzi.io/cluster", k.getMetadata().getName(), "strimzi.io/kind", "Kafka")));
        return pods;
    }

    static boolean allows(List<Acl> acls, String type, String name, String operation) {
        return acls.stream().anyMatch(a -> a.type().equals(type) && a.operations().contains(operation)
                && (a.pattern().equals("literal") ? a.name().equals(name) : name.startsWith(a.name())));
    }

    static int brokers(Manifests m) {
        return m.crs("KafkaNodePool").stream()
                .filter(p -> ((List<?>) path(p, "spec").get("roles")).contains("broker"))
                .mapToInt(p -> ((Number) path(p, "spec").get("replicas")).intValue()).sum();
    }

    static String topicName(GenericKubernetesResource t) {
        Object n = path(t, "spec").get("topicName");
        return n != null ? (String) n : t.getMetadata().getName();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> listeners(GenericKubernetesResource kafka) {
        return (List<Map<String, Object>>) path(kafka, "spec", "kafka").get("listeners");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> path(GenericKubernetesResource r, String... keys) {
        Object cur = r.getAdditionalProperties();
        for (String k : keys) {
            if (!(cur instanceof Map<?, ?> map)) {
                return null;
            }
            cur = map.get(k);
        }
        return (Map<String, Object>) cur;
    }

    /** docs/events.md's topic table: topic → {producer: {...}, consumers: {...}} (service names only). */
    static Map<String, Map<String, Set<String>>> eventsDocTopics() throws IOException {
        Map<String, Map<String, Set<String>>> topics = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\|\\s*`(tessera\\.[a-z.]+)`\\s*\\|([^|]*)\\|([^|]*)\\|");
        for (String line : Files.readAllLines(ROOT.resolve("docs/events.md"))) {
            Matcher matcher = row.matcher(line);
            if (matcher.find()) {
                topics.put(matcher.group(1), Map.of("producer", serviceNames(matcher.group(2)), "consumers", serviceNames(matcher.group(3))));
            }
        }
        assertFalse(topics.isEmpty(), "no topic table in docs/events.md");
        return topics;
    }

    /** docs/events.md's compacted-topic table (state | topic | producer | readers | key), parsed like the topic table. */
    static Map<String, Map<String, Set<String>>> compactedDocTopics() throws IOException {
        Map<String, Map<String, Set<String>>> topics = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\|[^|]*\\|\\s*`(tessera\\.[a-z.]+)`\\s*\\|([^|]*)\\|([^|]*)\\|");
        boolean inSection = false;
        for (String line : Files.readAllLines(ROOT.resolve("docs/events.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Compacted topics");
            }
            Matcher matcher = row.matcher(line);
            if (inSection && matcher.find()) {
                topics.put(matcher.group(1), Map.of("producer", serviceNames(matcher.group(2)), "consumers", serviceNames(matcher.group(3))));
            }
        }
        return topics;
    }

    static Set<String> serviceNames(String cell) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("[a-z]+-service").matcher(cell);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    static Properties applicationProperties(String service) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.properties"))));
        return p;
    }

    /** Topics a service's incoming channels use: topic → its consumer group, and DLQ topic → "dlq". */
    static Map<String, String> channelTopics(String service) throws IOException {
        Properties p = applicationProperties(service);
        Map<String, String> topics = new LinkedHashMap<>();
        Pattern key = Pattern.compile("^mp\\.messaging\\.incoming\\.([^.]+)\\.topic$");
        for (String name : p.stringPropertyNames()) {
            Matcher matcher = key.matcher(name);
            if (matcher.find()) {
                String channel = matcher.group(1);
                String prefix = "mp.messaging.incoming." + channel + ".";
                topics.put(p.getProperty(name), p.getProperty(prefix + "group.id", service));
                String dlq = p.getProperty(prefix + "dead-letter-queue.topic");
                if (dlq != null) {
                    topics.put(dlq, "dlq");
                }
            }
        }
        return topics;
    }
}
