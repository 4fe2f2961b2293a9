package io.github.mackereltracing.internal.interceptor;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mackereltracing.testing.LogCapture;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How parameters become attributes when the parameter or its argument is awkward. */
class ParameterAttributesTest {
  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  @TempDir Path classes;

  @AfterEach
  void close() {
    tracerProvider.close();
  }

  @Test
  void unnamedParameterOfAClassCompiledWithoutParameterNamesIsSkippedWithAWarning() throws Exception {
    Method find = compileWithoutParameterNames(
        "legacy.LegacyFinder",
        """
        package legacy;
        import io.opentelemetry.instrumentation.annotations.SpanAttribute;
        public class LegacyFinder {
          public void find(@SpanAttribute String id, @SpanAttribute("region") String region) {}
        }
        """).getMethod("find", String.class, String.class);

    try (LogCapture log = LogCapture.library()) {
      SpanData span = spanWith(find, "o-1", "eu");

      assertThat(span.getAttributes().asMap()).containsOnlyKeys(stringKey("region"));
      assertThat(log.lines(Level.WARNING)).singleElement().asString()
          .contains("parameter 0 of legacy.LegacyFinder.find")
          .contains("-parameters");
    }
  }

  @Test
  void argumentWhoseToStringFailsIsSkippedAndTheOthersKept() throws Exception {
    Method describe = Samples.class.getDeclaredMethod("describe", Object.class, String.class);
    Object unprintable = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("no text");
      }
    };

    SpanData span = spanWith(describe, unprintable, "kept");

    assertThat(span.getAttributes().asMap()).containsOnlyKeys(stringKey("good"));
  }

  @Test
  void methodWithoutSpanAttributesHasNoExtractor() throws Exception {
    Method plain = Samples.class.getDeclaredMethod("plain", String.class);

    assertThat(ParameterAttributes.of(plain, TraceRules.declaredSpanAttributes(plain))).isNull();
  }

  static final class Samples {
    void describe(@SpanAttribute("bad") Object bad, @SpanAttribute("good") String good) {}

    void plain(String text) {}
  }

  private SpanData spanWith(Method method, Object... arguments) {
    ParameterAttributes attributes = ParameterAttributes.of(method, TraceRules.declaredSpanAttributes(method));
    SpanBuilder builder = tracerProvider.get("test").spanBuilder("call");
    attributes.addTo(builder, arguments);
    builder.startSpan().end();
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  /** Compiles as a build without {@code -parameters} does: the class file keeps no parameter names. */
  private Class<?> compileWithoutParameterNames(String className, String source) throws Exception {
    Path file = classes.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
    Files.writeString(file, source);
    String annotationsJar =
        Path.of(SpanAttribute.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", annotationsJar, file.toString());
    assertThat(status).isZero();
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    return loader.loadClass(className);
  }
}
