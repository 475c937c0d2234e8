package io.wasabioperator.install.chart;

import static io.wasabioperator.install.chart.ChartObjects.deployment;
import static io.wasabioperator.install.chart.ChartObjects.ofKind;
import static io.wasabioperator.install.chart.ChartObjects.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional NetworkPolicy: the operator's pods reach DNS, the API server and S3, and are reached on two ports. */
class NetworkPolicyTest {
  @TempDir
  Path work;

  @Test
  void offByDefault() throws IOException {
    assertThat(ofKind(Chart.render(work, ""), NetworkPolicy.class)).isEmpty();
  }

  @Test
  void theDefaultsLetTheOperatorWorkOnAnyCluster() throws IOException {
    List<HasMetadata> objects = Chart.render(work, "networkPolicy: {enabled: true}\n");
    NetworkPolicy policy = only(objects, NetworkPolicy.class);

    assertThat(policy.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(deployment(objects).getSpec().getSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");

    // Ingress: the health port (no metrics port without metrics), from anyone; the signing API's from every
    // namespace, where tokens and RBAC decide who signs.
    assertThat(policy.getSpec().getIngress()).hasSize(2);
    assertThat(policy.getSpec().getIngress().get(0)).satisfies(rule -> {
      assertThat(ports(rule.getPorts())).containsExactly("TCP/8080");
      assertThat(rule.getFrom()).isEmpty();
    });
    assertThat(policy.getSpec().getIngress().get(1)).satisfies(rule -> {
      assertThat(ports(rule.getPorts())).containsExactly("TCP/8443");
      assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
        assertThat(peer.getNamespaceSelector().getMatchLabels()).isEmpty();
        assertThat(peer.getNamespaceSelector().getMatchExpressions()).isEmpty();
        assertThat(peer.getPodSelector()).isNull();
      });
    });

    // Egress: DNS over both protocols, the API server on both of its usual ports, HTTPS; each to any address.
    List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
    assertThat(egress).extracting(rule -> ports(rule.getPorts())).containsExactly(
        List.of("UDP/53", "TCP/53"), List.of("TCP/443", "TCP/6443"), List.of("TCP/443"));
    assertThat(egress).allSatisfy(rule -> assertThat(rule.getTo()).isEmpty());
  }

  @Test
  void sourcesDestinationsAndPortsAreValues() throws IOException {
    NetworkPolicy policy = only(Chart.render(work, """
        metrics: {enabled: true, port: 9090}
        networkPolicy:
          enabled: true
          ingressFrom:
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
          dns:
            to:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
                podSelector: {matchLabels: {k8s-app: kube-dns}}
            ports: [53, 5353]
          apiServer: {cidrs: [172.20.0.10/32, "fd00::10/128"], ports: [6443]}
          extraEgressPorts: [9000]
        signing:
          port: 9443
          ingressFrom:
            - namespaceSelector: {matchLabels: {team: annotation}}
        """), NetworkPolicy.class);

    assertThat(policy.getSpec().getIngress()).hasSize(2);
    assertThat(policy.getSpec().getIngress().get(1)).satisfies(rule -> {
      assertThat(ports(rule.getPorts())).containsExactly("TCP/9443");
      assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(
          peer.getNamespaceSelector().getMatchLabels()).containsEntry("team", "annotation"));
    });
    assertThat(policy.getSpec().getIngress().get(0)).satisfies(rule -> {
      assertThat(ports(rule.getPorts())).containsExactly("TCP/8080", "TCP/9090");
      assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(
          peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring"));
    });
    List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
    assertThat(ports(egress.get(0).getPorts())).containsExactly("UDP/53", "TCP/53", "UDP/5353", "TCP/5353");
    assertThat(egress.get(0).getTo()).singleElement().satisfies(peer -> {
      assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "kube-system");
      assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("k8s-app", "kube-dns");
    });
    assertThat(ports(egress.get(1).getPorts())).containsExactly("TCP/6443");
    assertThat(egress.get(1).getTo()).extracting(NetworkPolicyPeer::getIpBlock).extracting(IPBlock::getCidr)
        .containsExactly("172.20.0.10/32", "fd00::10/128");
    assertThat(ports(egress.get(2).getPorts())).containsExactly("TCP/443", "TCP/9000");
    assertThat(egress.get(2).getTo()).isEmpty();
  }

  private static List<String> ports(List<NetworkPolicyPort> ports) {
    return ports.stream().map(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).toList();
  }
}
