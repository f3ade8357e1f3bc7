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
import org.w3c.dom.Document;
import org.w3c.dom.Element;
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
    for (Element props : children(pom.getDocumentElement(), "properties")) {
      NodeList all = props.getChildNodes();
      for (int i = 0; i < all.getLength(); i++) {
        if (all.item(i) instanceof Element e) {
          properties.put(e.getTagName(), e.getTextContent().strip());
        }
      }
    }
    NodeList lists = pom.getElementsByTagName("jvmFlags");
    if (lists.getLength() != 1) {
      throw new IllegalStateException(APP_POM + ": expected one <jvmFlags>, found " + lists.getLength());
    }
    List<String> flags = new ArrayList<>();
    for (Element flag : children((Element) lists.item(0), "jvmFlag")) {
      flags.add(resolve(flag.getTextContent().strip(), properties));
    }
    return flags;
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

  private static List<Element> children(Element parent, String tag) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        found.add(e);
      }
    }
    return found;
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
