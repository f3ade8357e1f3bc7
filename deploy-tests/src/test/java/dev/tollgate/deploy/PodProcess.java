package dev.tollgate.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A rendered pod's container run as a local process, the way the kubelet would run it: the image's
 * entry point ({@code java <the image's JVM flags> dev.tollgate.app.Main}, the flags read from the
 * image's build, {@link ImageEntryPoint}) with the container's args, only the
 * container's environment, and its volumes as directories (a ConfigMap's and a Secret's keys as
 * files, an emptyDir as an empty directory). Mount paths are moved under a temporary directory,
 * and every env value or ConfigMap text that names one is rewritten to match.
 */
final class PodProcess {

  static final Path APP_JAR = Path.of("..", "app-helidon", "target", "tollgate.jar")
      .toAbsolutePath().normalize();

  private final Container container;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, Path> mounts = new LinkedHashMap<>();

  /**
   * @param secrets the cluster's Secrets: name → key → value
   * @param configMaps the rendered ConfigMaps by name
   */
  PodProcess(PodSpec pod, Path root, Map<String, Map<String, String>> secrets,
      Map<String, ConfigMap> configMaps) throws IOException {
    this.container = pod.getContainers().getFirst();
    Map<String, Volume> volumes = new HashMap<>();
    pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));
    for (VolumeMount mount : container.getVolumeMounts()) {
      Path local = root.resolve(mount.getName());
      Files.createDirectories(local);
      mounts.put(mount.getMountPath(), local);
    }
    for (VolumeMount mount : container.getVolumeMounts()) {
      fill(volumes.get(mount.getName()), mounts.get(mount.getMountPath()), secrets, configMaps);
    }
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), remap(var.getValue()));
    }
  }

  /** An environment variable the kubelet would not set (e.g. a free port on this machine). */
  PodProcess with(String name, String value) {
    env.put(name, value);
    return this;
  }

  Map<String, String> env() {
    return env;
  }

  /** Starts the container's command; stdout and stderr go to {@code log}. */
  Process start(Path log) throws IOException {
    return start(container.getArgs(), log);
  }

  /** Starts the image's entry point with other args, as `kubectl exec` into the pod would. */
  Process start(List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ImageEntryPoint.jvmFlags()) {
      // the image's JDK has it; an older one running these tests would refuse to start
      if (!flag.startsWith("--sun-misc-unsafe-memory-access") || Runtime.version().feature() >= 23) {
        command.add(flag);
      }
    }
    command.addAll(List.of("-cp", APP_JAR.toString(), "dev.tollgate.app.Main"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(log.getParent().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    String path = environment.getOrDefault("PATH", "/usr/bin:/bin");
    environment.clear(); // only what the pod spec sets
    environment.put("PATH", path);
    environment.putAll(env);
    return builder.start();
  }

  private void fill(Volume volume, Path local, Map<String, Map<String, String>> secrets,
      Map<String, ConfigMap> configMaps) throws IOException {
    if (volume.getSecret() != null) {
      Map<String, String> data = secrets.get(volume.getSecret().getSecretName());
      if (data == null) {
        throw new AssertionError("no Secret " + volume.getSecret().getSecretName() + " in the cluster");
      }
      for (KeyToPath item : volume.getSecret().getItems()) {
        Files.writeString(local.resolve(item.getPath()), data.get(item.getKey()) + "\n");
      }
    } else if (volume.getConfigMap() != null) {
      ConfigMap map = configMaps.get(volume.getConfigMap().getName());
      for (Map.Entry<String, String> e : map.getData().entrySet()) {
        Files.writeString(local.resolve(e.getKey()), remap(e.getValue()));
      }
    } else if (volume.getEmptyDir() == null) {
      throw new AssertionError("volume " + volume.getName() + " is of a kind this runner lacks");
    }
  }

  /** One pass over the text, so a replaced path is never replaced again. */
  private String remap(String text) {
    String alternatives = mounts.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote).collect(Collectors.joining("|"));
    Matcher m = Pattern.compile("(?<![\\w/.-])(" + alternatives + ")(?=/|$|\\s|\")").matcher(text);
    return m.replaceAll(r -> Matcher.quoteReplacement(mounts.get(r.group(1)).toString()));
  }
}
