package io.wasabioperator.image;

import com.marcnuri.helm.Helm;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The two helm commands release/publish.sh runs, done by helm-java (Helm's own code, embedded), for
 * machines without the helm CLI: the image test puts a {@code helm} script that runs this on PATH.
 *
 * <pre>helm package CHART_DIR --destination DIR
 * helm push CHART.tgz oci://REGISTRY/PATH [--plain-http]</pre>
 */
public final class HelmShim {
  private HelmShim() {}

  public static void main(String[] args) {
    List<String> words = List.of(args);
    if (words.size() >= 4 && words.get(0).equals("package") && words.get(2).equals("--destination")) {
      new Helm(Path.of(words.get(1))).packageIt().withDestination(Path.of(words.get(3))).call();
      System.out.println("Packaged " + words.get(1) + " into " + words.get(3));
    } else if (words.size() >= 3 && words.get(0).equals("push")) {
      var push = Helm.push().withChart(Path.of(words.get(1))).withRemote(URI.create(words.get(2)));
      if (words.contains("--plain-http")) {
        push.plainHttp();
      }
      System.out.println(push.call());
    } else {
      System.err.println("helm (the image test's stand-in) knows only: package DIR --destination DIR, "
          + "push CHART.tgz oci://... [--plain-http]; got: " + String.join(" ", words));
      System.exit(2);
    }
  }
}
