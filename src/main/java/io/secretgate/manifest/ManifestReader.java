package io.secretgate.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Kubernetes manifests: files, directories (recursively {@code *.yaml|*.yml|*.json}, in
 * sorted order) or {@code -} for stdin; multi-document YAML and {@code kind: List} are expanded. A
 * file that cannot be parsed is reported with its position, a file or directory entry that cannot be
 * read is reported with why, and the other files are still read.
 */
public final class ManifestReader {
  /** Why an empty path (what an unset shell variable gives) is refused: {@code Path.of("")} is the working directory. */
  public static final String EMPTY_PATH = "an empty path names no file or directory";

  private final InputStream stdin;

  public ManifestReader(InputStream stdin) {
    this.stdin = stdin;
  }

  /** Reads every manifest under {@code paths} ({@code "-"} means stdin). */
  public ManifestSet read(List<String> paths) {
    List<ManifestDocument> docs = new ArrayList<>();
    List<ManifestProblem> problems = new ArrayList<>();
    for (String p : paths) {
      if (p.equals("-")) {
        readText("<stdin>", readStdin(problems), docs, problems);
        continue;
      }
      if (p.isEmpty()) {
        // what an unset shell variable gives; Path.of("") is the working directory, which was then walked
        problems.add(new ManifestProblem("\"\"", EMPTY_PATH));
        continue;
      }
      for (Path file : expand(Path.of(p), problems)) {
        readText(file.toString(), readFile(file, problems), docs, problems);
      }
    }
    return new ManifestSet(docs, problems);
  }

  /** Parses {@code text} (YAML or JSON, one or more documents) named {@code name}. */
  public static ManifestSet parse(String name, String text) {
    List<ManifestDocument> docs = new ArrayList<>();
    List<ManifestProblem> problems = new ArrayList<>();
    readText(name, text, docs, problems);
    return new ManifestSet(docs, problems);
  }

  private static List<Path> expand(Path path, List<ManifestProblem> problems) {
    if (!Files.exists(path)) {
      problems.add(new ManifestProblem(path.toString(), "no such file or directory"));
      return List.of();
    }
    if (!Files.isDirectory(path)) return List.of(path);
    // a walk does not follow a symbolic link it starts at (it would see the link, not the directory)
    Path start = Files.isSymbolicLink(path) ? path.resolve(".") : path;
    ManifestFiles found = new ManifestFiles(problems);
    try {
      Files.walkFileTree(start, found);
    } catch (IOException e) {
      problems.add(new ManifestProblem(path.toString(), ReadFailure.reason(path, e)));
    }
    return found.files.stream().map(f -> path.resolve(start.relativize(f))).sorted().toList();
  }

  /**
   * The {@code *.yaml|*.yml|*.json} files under a directory (symbolic links to files included, to
   * directories not followed, to nothing reported). An entry that cannot be read is one problem, and the walk goes on.
   */
  private static final class ManifestFiles extends SimpleFileVisitor<Path> {
    final List<Path> files = new ArrayList<>();
    private final List<ManifestProblem> problems;

    ManifestFiles(List<ManifestProblem> problems) {
      this.problems = problems;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (!file.getFileName().toString().matches(".*\\.(yaml|yml|json)$")) return FileVisitResult.CONTINUE;
      // a link whose target is gone (or a loop) is kept, for its read to say so, as kubectl does
      if (Files.isRegularFile(file) || attrs.isSymbolicLink() && !Files.exists(file)) files.add(file);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      problems.add(new ManifestProblem(file.toString(), ReadFailure.reason(file, e)));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      if (e != null) problems.add(new ManifestProblem(dir.toString(), ReadFailure.reason(dir, e)));
      return FileVisitResult.CONTINUE;
    }
  }

  private static String readFile(Path file, List<ManifestProblem> problems) {
    try {
      return ManifestText.decode(file.toString(), Files.readAllBytes(file), problems);
    } catch (IOException e) {
      problems.add(new ManifestProblem(file.toString(), ReadFailure.reason(file, e)));
      return null;
    }
  }

  private String readStdin(List<ManifestProblem> problems) {
    try {
      return ManifestText.decode("<stdin>", stdin.readAllBytes(), problems);
    } catch (IOException e) {
      problems.add(new ManifestProblem("<stdin>", "cannot read standard input"));
      return null;
    }
  }

  private static void readText(String name, String text, List<ManifestDocument> docs, List<ManifestProblem> problems) {
    if (text == null) return;
    int[] index = {0};
    ManifestStream.read(text, node -> {
      int current = index[0]++;
      if (!node.isNull() && !node.isMissingNode()) addDocument(name + "#" + current, node, docs, problems);
    }).ifPresent(e -> problems.add(ParseErrors.syntax(name, e)));
  }

  private static void addDocument(String source, JsonNode node, List<ManifestDocument> docs, List<ManifestProblem> problems) {
    if (!node.isObject()) {
      problems.add(new ManifestProblem(source, "document is not a Kubernetes object (a YAML/JSON map)"));
      return;
    }
    JsonNode kind = node.get("kind");
    if (!hasText(kind)) {
      problems.add(new ManifestProblem(source, "document has no kind"));
      return;
    }
    if (kind.asString().equals("List") || kind.asString().endsWith("List") && node.get("items") != null) {
      JsonNode items = node.get("items");
      if (items == null || !items.isArray()) {
        problems.add(new ManifestProblem(source, "kind List without an items array"));
        return;
      }
      for (int i = 0; i < items.size(); i++) addDocument(source + ".items[" + i + "]", typed(items.get(i), node), docs, problems);
      return;
    }
    if (!hasText(node.get("apiVersion"))) {
      // kubectl refuses it ("apiVersion not set"); skipped, an ExternalSecret would go unchecked
      problems.add(new ManifestProblem(source, "document has no apiVersion"));
      return;
    }
    Optional<String> misspelt = EsoSpelling.mistake(node.get("apiVersion").asString(), kind.asString());
    if (misspelt.isPresent()) {
      problems.add(new ManifestProblem(source, misspelt.get()));
      return;
    }
    docs.add(new ManifestDocument(source, node));
  }

  /**
   * An item of a typed list ({@code ExternalSecretList}, as the API server returns it) with neither
   * kind nor apiVersion gets the list's apiVersion and its kind less "List", as kubectl gives them.
   */
  private static JsonNode typed(JsonNode item, JsonNode list) {
    String itemKind = list.get("kind").asString().replaceFirst("List$", "");
    if (!(item instanceof ObjectNode object) || itemKind.isEmpty() || hasText(item.get("kind")) || hasText(item.get("apiVersion"))) return item;
    object.put("kind", itemKind);
    object.set("apiVersion", list.get("apiVersion"));
    return object;
  }

  private static boolean hasText(JsonNode field) {
    return field != null && field.isString() && !field.asString().isBlank();
  }
}
