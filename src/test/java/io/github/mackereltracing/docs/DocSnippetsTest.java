package io.github.mackereltracing.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java, XML and properties snippet of README.md, README.ja.md and docs/*.md is code that a test or the
 * example application compiles and runs. Each such block is preceded by
 * {@code <!-- snippet: path/from/the/repository/root -->}, and its lines must appear, in order and next to
 * each other, in that file, compared without white space; a line {@code ...} (or {@code // ...},
 * {@code # ...}, {@code <!-- ... -->}, with or without words after the dots) stands for any number of
 * lines. An XML block may start with a caption comment naming its file ({@code <!-- WEB-INF/x.xml -->}) when
 * the source's path ends with that name. Code that cannot be compiled here (the OpenTracing API of the
 * migration guide's "before") is marked {@code <!-- snippet-exempt: why -->}, and those marks are counted
 * below, so that each one is deliberate. Blocks in other languages (sh, yaml, text, python) are commands,
 * configurations of other programs and output; a block without a language must not look like code.
 */
class DocSnippetsTest {
  private static final Set<String> CHECKED = Set.of("java", "xml", "properties");
  /** Files a snippet may come from: compiled and run by the library's tests, the example or a build. */
  private static final List<String> SOURCE_ROOTS = List.of("src/test/", "example-war/src/main/", "benchmarks/pom.xml");
  /** Deliberate exemptions, per page. */
  private static final Map<String, Integer> EXEMPT = Map.of(
      "docs/migrating-from-microprofile-opentracing.md", 2, // io.opentracing code (not a dependency)
      "docs/servers.md", 2); // Open Liberty's server.xml (features; messaging), written by the example's tests

  private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+)\\s*([\\w-]*)\\s*$");
  private static final Pattern SNIPPET = Pattern.compile("^<!--\\s*snippet:\\s*(\\S+)\\s*-->$");
  private static final Pattern EXEMPTION = Pattern.compile("^<!--\\s*snippet-exempt:\\s*\\S.*-->$");
  private static final Pattern ELISION = Pattern.compile("^(\\.\\.\\.|(//|#|<!--)\\s*\\.\\.\\..*)$");
  private static final Pattern CAPTION = Pattern.compile("^<!--\\s*(\\S+)\\s*-->$");
  private static final Pattern LOOKS_LIKE_CODE =
      Pattern.compile("^(@\\w+|import |package |public |private |<\\?xml|<dependency>|[a-z][\\w-]*(\\.[\\w-]+)+=\\S).*");

  record Block(String doc, int fenceLine, String language, List<String> lines, List<Integer> lineNumbers,
      String marker) {}

  @Test
  void everySnippetIsInTheSourceItNames() throws IOException {
    List<String> failures = new ArrayList<>();
    Map<String, Integer> exempt = new TreeMap<>();
    int checked = 0;
    for (Path doc : docs()) {
      for (Block block : blocks(doc)) {
        if (!CHECKED.contains(block.language())) {
          if (block.language().isEmpty() && looksLikeCode(block)) {
            failures.add(block.doc() + ":" + block.fenceLine()
                + ": a block without a language looks like code; tag it (java, xml, properties, sh, text...)");
          }
          continue;
        }
        if (block.marker() != null && EXEMPTION.matcher(block.marker()).matches()) {
          exempt.merge(block.doc(), 1, Integer::sum);
          continue;
        }
        Matcher snippet = block.marker() == null ? null : SNIPPET.matcher(block.marker());
        if (snippet == null || !snippet.matches()) {
          failures.add(block.doc() + ":" + block.fenceLine() + ": the " + block.language()
              + " block is not preceded by <!-- snippet: path --> (or <!-- snippet-exempt: why -->)");
          continue;
        }
        checked++;
        String failure = check(block, snippet.group(1));
        if (failure != null) {
          failures.add(failure);
        }
      }
    }
    System.out.println("Doc snippets: " + checked + " checked against their sources, exempt: " + exempt);
    assertThat(failures).as("doc snippets that are not in their sources").isEmpty();
    assertThat(exempt).as("deliberate exemptions (update EXEMPT when you add or remove one)").isEqualTo(EXEMPT);
    assertThat(checked).as("snippets checked (the parser found them)").isGreaterThanOrEqualTo(30);
  }

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  /** Links between the pages (and to files of the repository) lead somewhere: the file, and the heading. */
  @Test
  void relativeLinksReachTheirFileAndHeading() throws IOException {
    List<String> failures = new ArrayList<>();
    for (Path doc : docs()) {
      List<String> lines = Files.readAllLines(doc);
      boolean inBlock = false;
      for (int i = 0; i < lines.size(); i++) {
        if (FENCE.matcher(lines.get(i)).matches()) {
          inBlock = !inBlock;
        }
        Matcher link = LINK.matcher(lines.get(i));
        while (!inBlock && link.find()) {
          String target = link.group(1);
          if (target.matches("^[a-z]+:.*")) {
            continue; // https:, mailto:
          }
          int hash = target.indexOf('#');
          String file = hash < 0 ? target : target.substring(0, hash);
          Path resolved = file.isEmpty() ? doc : doc.toAbsolutePath().getParent().resolve(file).normalize();
          if (!Files.exists(resolved)) {
            failures.add(doc + ":" + (i + 1) + ": " + target + " does not exist");
          } else if (hash >= 0 && resolved.toString().endsWith(".md")
              && !headingAnchors(resolved).contains(target.substring(hash + 1))) {
            failures.add(doc + ":" + (i + 1) + ": " + target + " names no heading of " + file);
          }
        }
      }
    }
    assertThat(failures).as("links that lead nowhere").isEmpty();
  }

  /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
  private static Set<String> headingAnchors(Path page) throws IOException {
    Set<String> anchors = new java.util.HashSet<>();
    boolean inBlock = false;
    for (String line : Files.readAllLines(page)) {
      if (FENCE.matcher(line).matches()) {
        inBlock = !inBlock;
      }
      if (!inBlock && line.startsWith("#")) {
        String title = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
        StringBuilder anchor = new StringBuilder();
        title.codePoints().forEach(c -> {
          if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
            anchor.appendCodePoint(c);
          } else if (c == ' ') {
            anchor.append('-');
          }
        });
        anchors.add(anchor.toString());
      }
    }
    return anchors;
  }

  /** Null when the block's lines are in {@code sourcePath}, else what is missing. */
  static String check(Block block, String sourcePath) throws IOException {
    String where = block.doc() + ":" + block.fenceLine();
    if (SOURCE_ROOTS.stream().noneMatch(sourcePath::startsWith)) {
      return where + ": " + sourcePath + " is not a file that a test or the example compiles and runs ("
          + String.join(", ", SOURCE_ROOTS) + ")";
    }
    Path source = Path.of(sourcePath);
    if (!Files.isRegularFile(source)) {
      return where + ": no such file " + sourcePath;
    }
    // The source without white space, and where each of its lines starts in that text.
    StringBuilder text = new StringBuilder();
    List<Integer> lineStarts = new ArrayList<>();
    for (String line : Files.readAllLines(source)) {
      String squeezed = squeeze(line);
      if (!squeezed.isEmpty()) {
        lineStarts.add(text.length());
        text.append(squeezed);
      }
    }
    lineStarts.add(text.length());
    String squeezedSource = text.toString();

    List<String> lines = new ArrayList<>(block.lines());
    List<Integer> numbers = new ArrayList<>(block.lineNumbers());
    if (block.language().equals("xml") && !lines.isEmpty()) {
      Matcher caption = CAPTION.matcher(lines.get(0).strip());
      if (caption.matches() && sourcePath.endsWith(caption.group(1))) {
        lines.remove(0);
        numbers.remove(0);
      }
    }
    int from = 0;
    int i = 0;
    while (i < lines.size()) {
      // One run of lines between elisions must appear as whole, consecutive lines of the source.
      List<String> run = new ArrayList<>();
      List<Integer> runNumbers = new ArrayList<>();
      for (; i < lines.size() && !ELISION.matcher(lines.get(i).strip()).matches(); i++) {
        if (!squeeze(lines.get(i)).isEmpty()) {
          run.add(squeeze(lines.get(i)));
          runNumbers.add(numbers.get(i));
        }
      }
      i++; // past the elision
      if (run.isEmpty()) {
        continue;
      }
      int matchedLines = 0;
      int end = -1;
      for (int start : lineStarts) {
        if (start < from) {
          continue;
        }
        int pos = start;
        int k = 0;
        while (k < run.size() && squeezedSource.startsWith(run.get(k), pos) && lineStarts.contains(pos + run.get(k).length())) {
          pos += run.get(k).length();
          k++;
        }
        if (k == run.size()) {
          end = pos;
          break;
        }
        matchedLines = Math.max(matchedLines, k);
      }
      if (end < 0) {
        int missing = matchedLines;
        return block.doc() + ":" + runNumbers.get(missing) + ": `" + block.lines().get(
            block.lineNumbers().indexOf(runNumbers.get(missing))).strip() + "` is not in " + sourcePath
            + (missing > 0 ? " right after the snippet's previous line" : " (after the snippet's earlier lines)");
      }
      from = end;
    }
    return null;
  }

  private static String squeeze(String line) {
    return line.replaceAll("\\s+", "");
  }

  private static boolean looksLikeCode(Block block) {
    return block.lines().stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
        .map(l -> LOOKS_LIKE_CODE.matcher(l).matches()).orElse(false);
  }

  static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(Path.of("README.md"), Path.of("README.ja.md")));
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  /** The fenced blocks of a page, each with the marker comment on the last non-blank line before it. */
  static List<Block> blocks(Path doc) throws IOException {
    List<String> lines = Files.readAllLines(doc);
    List<Block> blocks = new ArrayList<>();
    String name = doc.toString().replace('\\', '/');
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      String indent = open.group(1);
      String fence = open.group(2);
      String language = open.group(3).toLowerCase(Locale.ROOT);
      String marker = null;
      for (int j = i - 1; j >= 0; j--) {
        if (!lines.get(j).isBlank()) {
          String previous = lines.get(j).strip();
          marker = previous.startsWith("<!--") ? previous : null;
          break;
        }
      }
      List<String> content = new ArrayList<>();
      List<Integer> numbers = new ArrayList<>();
      int j = i + 1;
      for (; j < lines.size() && !lines.get(j).strip().equals(fence); j++) {
        String line = lines.get(j);
        content.add(line.startsWith(indent) ? line.substring(indent.length()) : line);
        numbers.add(j + 1);
      }
      blocks.add(new Block(name, i + 1, language, content, numbers, marker));
      i = j;
    }
    return blocks;
  }
}
