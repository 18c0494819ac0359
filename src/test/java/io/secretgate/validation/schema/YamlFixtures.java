package io.secretgate.validation.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads YAML fixture files from the test classpath. */
final class YamlFixtures {
  static final YAMLMapper YAML = YAMLMapper.builder().build();

  private YamlFixtures() {}

  /** One YAML document of a fixture file. */
  record Document(String file, int index, String text, JsonNode node) {
    String kind() {
      return node.path("kind").asString("");
    }

    String apiVersion() {
      return node.path("apiVersion").asString("");
    }

    @Override
    public String toString() {
      return file + "#" + index + " (" + apiVersion() + " " + kind() + " " + node.path("metadata").path("name").asString("") + ")";
    }
  }

  /** The {@code *.yaml} files directly in classpath directory {@code dir}, sorted by name. */
  static List<Path> files(String dir) {
    URL url = YamlFixtures.class.getClassLoader().getResource(dir);
    if (url == null) throw new IllegalStateException("no fixture directory " + dir + " on the test classpath");
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every non-empty document of every file in {@code dir}. */
  static List<Document> documents(String dir) {
    List<Document> out = new ArrayList<>();
    for (Path file : files(dir)) out.addAll(documents(file));
    return out;
  }

  static List<Document> documents(Path file) {
    String text = text(file);
    List<Document> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      int index = 0;
      while (it.hasNextValue()) {
        JsonNode node = it.nextValue();
        if (node != null && !node.isNull() && !node.isMissingNode()) out.add(new Document(file.getFileName().toString(), index, text, node));
        index++;
      }
    }
    return out;
  }

  /** The single document of classpath resource {@code resource}. */
  static JsonNode read(String resource) {
    URL url = YamlFixtures.class.getClassLoader().getResource(resource);
    if (url == null) throw new IllegalStateException("no fixture " + resource + " on the test classpath");
    try {
      List<Document> docs = documents(Path.of(url.toURI()));
      if (docs.size() != 1) throw new IllegalStateException(resource + " holds " + docs.size() + " documents, expected 1");
      return docs.get(0).node();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
