package dev.tollgate.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The image's entry point as its build defines it: the JVM flags of Jib's container in
 * {@code app-helidon/pom.xml}, with the pom's properties substituted. Read from the build rather
 * than copied, so a process started "as the image starts" runs what the image runs.
 */
final class ImageEntryPoint {

  static final Path APP_POM = Path.of("..", "app-helidon", "pom.xml").toAbsolutePath().normalize();

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  private ImageEntryPoint() {}

  /** The container's {@code jvmFlags}, in order, properties resolved. */
  static List<String> jvmFlags() {
    Document pom = parse(APP_POM);
    Map<String, String> properties = new HashMap<>();
    for (Node p : nodes(pom, "/project/properties/*")) {
      properties.put(p.getNodeName(), p.getTextContent().strip());
    }
    List<String> flags = new ArrayList<>();
    for (Node flag : nodes(pom, "//container/jvmFlags/jvmFlag")) {
      flags.add(resolve(flag.getTextContent().strip(), properties));
    }
    if (flags.isEmpty()) {
      throw new IllegalStateException(APP_POM + ": no <container><jvmFlags>");
    }
    return flags;
  }

  private static List<Node> nodes(Document doc, String path) {
    try {
      NodeList found = (NodeList) XPathFactory.newInstance().newXPath()
          .evaluate(path, doc, XPathConstants.NODESET);
      List<Node> nodes = new ArrayList<>(found.getLength());
      for (int i = 0; i < found.getLength(); i++) {
        nodes.add(found.item(i));
      }
      return nodes;
    } catch (XPathExpressionException e) {
      throw new IllegalStateException(path, e);
    }
  }

  private static String resolve(String text, Map<String, String> properties) {
    Matcher m = PROPERTY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = properties.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException(APP_POM + ": no property " + m.group(1) + " for " + text);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  private static Document parse(Path file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(file.toFile());
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("reading " + file, e);
    }
  }
}
