package dev.tollgate.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Checks that class files cannot answer: javac writes no package-info.class for a package without
 * annotations, and an unused import leaves no trace in bytecode. Each method returns its
 * violations (empty when the rule holds) so that tests can run it on the real tree and on a
 * planted one.
 */
final class SourceRules {

  private SourceRules() {}

  /** Deep enough for any package we would write; a bound so a symlink loop cannot hang the build. */
  private static final int MAX_DEPTH = 32;

  private static final Pattern IMPORT =
      Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");

  /** The project root, from the module directory Surefire runs in. */
  static Path projectRoot() {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
    if (!Files.isDirectory(module.resolve("src/test/java/dev/tollgate/architecture"))) {
      throw new IllegalStateException("expected to run in the architecture-tests module, not " + module);
    }
    return module.getParent();
  }

  /** Every {@code <module>/src/main/java} next to this module; new modules are covered unasked. */
  static List<Path> mainSourceRoots(Path projectRoot) {
    try (Stream<Path> modules = Files.list(projectRoot)) {
      return modules.map(module -> module.resolve("src/main/java"))
          .filter(Files::isDirectory)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a source root holds a type (not just package-info): a module without one has no classes. */
  static boolean hasJavaTypes(Path sourceRoot) {
    if (!Files.isDirectory(sourceRoot)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(sourceRoot, MAX_DEPTH)) {
      return files.map(file -> file.getFileName().toString())
          .anyMatch(name -> name.endsWith(".java")
              && !name.equals("package-info.java")
              && !name.equals("module-info.java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Directories under {@code sourceRoot} that hold .java files but no package-info.java. */
  static List<String> packagesWithoutPackageInfo(Path sourceRoot) {
    try (Stream<Path> dirs = Files.walk(sourceRoot, MAX_DEPTH)) {
      return dirs.filter(Files::isDirectory)
          .filter(dir -> containsJavaSource(dir) && !Files.exists(dir.resolve("package-info.java")))
          .map(dir -> sourceRoot.relativize(dir).toString().replace('/', '.'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean containsJavaSource(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(file -> file.getFileName().toString().endsWith(".java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Import lines under {@code sourceRoot} whose target starts with none of {@code allowedPrefixes},
   * as {@code path:line: name}. Catches unused imports, which compile away.
   */
  static List<String> importsOutside(Path sourceRoot, List<String> allowedPrefixes) {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sourceRoot, MAX_DEPTH)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher matcher = IMPORT.matcher(lines.get(i));
          if (matcher.find() && allowedPrefixes.stream().noneMatch(matcher.group(1)::startsWith)) {
            violations.add(sourceRoot.relativize(file) + ":" + (i + 1) + ": " + matcher.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return violations;
  }

  /**
   * Dependencies a POM declares (directly or in a profile) outside test scope, as
   * {@code groupId:artifactId:scope}. Managed dependencies are only versions and are ignored.
   */
  static List<String> nonTestDependencies(Path pom) {
    Element project = parse(pom).getDocumentElement();
    List<Element> blocks = new ArrayList<>(children(project, "dependencies"));
    for (Element profiles : children(project, "profiles")) {
      for (Element profile : children(profiles, "profile")) {
        blocks.addAll(children(profile, "dependencies"));
      }
    }
    List<String> found = new ArrayList<>();
    for (Element block : blocks) {
      for (Element dependency : children(block, "dependency")) {
        String scope = text(dependency, "scope", "compile");
        if (!scope.equals("test")) {
          String artifact = text(dependency, "groupId", "?") + ":" + text(dependency, "artifactId", "?");
          found.add(artifact + ":" + scope);
        }
      }
    }
    return found;
  }

  /** The {@code <module>} entries of an aggregator POM. */
  static List<String> modules(Path pom) {
    Element project = parse(pom).getDocumentElement();
    return children(project, "modules").stream()
        .flatMap(modules -> children(modules, "module").stream())
        .map(module -> module.getTextContent().trim())
        .toList();
  }

  /** The artifactIds of every dependency block of a POM, whatever the scope. */
  static List<String> dependencyArtifactIds(Path pom) {
    Element project = parse(pom).getDocumentElement();
    return children(project, "dependencies").stream()
        .flatMap(block -> children(block, "dependency").stream())
        .map(dependency -> text(dependency, "artifactId", "?"))
        .toList();
  }

  static String artifactId(Path pom) {
    return text(parse(pom).getDocumentElement(), "artifactId", "?");
  }

  private static Document parse(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(pom.toFile());
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("cannot parse " + pom, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static String text(Element parent, String name, String absent) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? absent : found.getFirst().getTextContent().trim();
  }
}
